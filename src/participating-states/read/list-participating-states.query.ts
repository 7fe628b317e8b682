import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AsOfQuery } from '../../shared/read/as-of.query';
import { STATE_STATUSES } from '../domain/view';
import type { StateStatusFilter } from './participating-states.reader';

export const STATE_STATUS_FILTERS = [...STATE_STATUSES, 'all'] as const;

/** `GET /api/participating-states`: the States on `asOf` with a status, and the count. */
export class ListParticipatingStatesQuery extends AsOfQuery {
  @ApiPropertyOptional({
    enum: STATE_STATUS_FILTERS,
    default: 'participating',
    description:
      'Status on asOf: participating (default), suspended, continued (by a successor), dissolved, not-yet-admitted, or all',
  })
  @IsOptional()
  @IsIn(STATE_STATUS_FILTERS)
  status?: StateStatusFilter;
}
