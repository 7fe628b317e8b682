import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { KnownAtQuery } from '../../shared/read/known-at.query';

const YEAR = /^\d{4}$/;

/** `GET /api/timeline`: a range of years (checked together by the controller) and `knownAt`. */
export class TimelineQuery extends KnownAtQuery {
  @ApiPropertyOptional({
    example: '1992',
    description:
      'First year (YYYY). Default: the year of the earliest establishment, or the earliest year within the longest range answered at once (ending at to), whichever is later',
  })
  @IsOptional()
  @Matches(YEAR, { message: 'from must be a year: YYYY' })
  from?: string;

  @ApiPropertyOptional({ example: '2026', description: 'Last year (YYYY). Default: this year' })
  @IsOptional()
  @Matches(YEAR, { message: 'to must be a year: YYYY' })
  to?: string;
}
