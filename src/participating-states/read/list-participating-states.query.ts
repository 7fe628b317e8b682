import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsDay } from '../../http';
import { KnownAtQuery } from '../../shared/read/known-at.query';

export class ListParticipatingStatesQuery extends KnownAtQuery {
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
