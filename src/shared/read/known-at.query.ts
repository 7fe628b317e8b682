import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant, MinPositionQuery } from '../../http';
import { instantMs } from '../domain/instant';

/** Query of a read that can answer as the registry knew things at an instant (recorded time). */
export class KnownAtQuery extends MinPositionQuery {
  @ApiPropertyOptional({
    description:
      'Recorded time: answer as the registry would have at this instant, from what was recorded up to it (ISO 8601 instant with a time zone, compared on milliseconds). Default: everything recorded so far.',
    format: 'date-time',
    example: '2003-01-01T00:00:00Z',
  })
  @IsOptional()
  @IsInstant()
  knownAt?: string;
}

/** Epoch milliseconds of a validated `knownAt`, or undefined for "everything recorded so far". */
export const knownAtOf = (query: { knownAt?: string }): number | undefined =>
  query.knownAt === undefined ? undefined : instantMs(query.knownAt);
