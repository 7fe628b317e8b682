import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AsOfQuery } from '../../shared/read/as-of.query';
import { CHAIRPERSONSHIP_STATUSES } from '../domain/view';
import type { ChairpersonshipStatusFilter } from './chairpersonships.reader';

export const CHAIRPERSONSHIP_STATUS_FILTERS = [...CHAIRPERSONSHIP_STATUSES, 'all'] as const;

export class ListChairpersonshipsQuery extends AsOfQuery {
  @ApiPropertyOptional({
    enum: CHAIRPERSONSHIP_STATUS_FILTERS,
    default: 'in-office',
    description: 'Status on asOf: in-office (default), upcoming, ended, or all',
  })
  @IsOptional()
  @IsIn(CHAIRPERSONSHIP_STATUS_FILTERS)
  status?: ChairpersonshipStatusFilter;
}
