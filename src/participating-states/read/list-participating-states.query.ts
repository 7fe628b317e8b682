import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsDay, MinPositionQuery } from '../../http';

export class ListParticipatingStatesQuery extends MinPositionQuery {
  @ApiPropertyOptional({
    description:
      'Only States admitted on or before this day (YYYY-MM-DD). Default: every State known.',
    format: 'date',
    example: '1995-01-01',
  })
  @IsOptional()
  @IsDay()
  asOf?: string;
}
