import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsDay, MinPositionQuery } from '../../http';

/** Query of a read that answers for a day of valid time (`asOf`), with read-your-writes. */
export class AsOfQuery extends MinPositionQuery {
  @ApiPropertyOptional({
    description: 'Valid time: the day the answer is for (YYYY-MM-DD). Default: today (UTC).',
    format: 'date',
    example: '2003-01-01',
  })
  @IsOptional()
  @IsDay()
  asOf?: string;
}
