import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsDay } from '../../http';
import { KnownAtQuery } from './known-at.query';

/** Query of a read that answers for a day of valid time (`asOf`) as known at `knownAt`. */
export class AsOfQuery extends KnownAtQuery {
  @ApiPropertyOptional({
    description: 'Valid time: the day the answer is for (YYYY-MM-DD). Default: today (UTC).',
    format: 'date',
    example: '2003-01-01',
  })
  @IsOptional()
  @IsDay()
  asOf?: string;
}
