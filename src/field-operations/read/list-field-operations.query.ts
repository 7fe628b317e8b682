import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsSlug } from '../../http';
import { AsOfQuery } from '../../shared/read/as-of.query';
import { Paged } from '../../shared/read/page.query';
import { KINDS, type Kind } from '../domain/kinds';
import { STATUS_FILTERS, type StatusFilter } from './field-operation-detail';

/** Filters of `GET /api/field-operations`, all applied to each operation's view on `asOf`, by page. */
export class ListFieldOperationsQuery extends Paged(AsOfQuery) {
  @ApiPropertyOptional({ enum: STATUS_FILTERS, default: 'all', description: 'Status on asOf' })
  @IsOptional()
  @IsIn(STATUS_FILTERS)
  status?: StatusFilter;

  @ApiPropertyOptional({ description: 'Id of a host participating State', example: 'belarus' })
  @IsOptional()
  @IsSlug()
  hostState?: string;

  @ApiPropertyOptional({ enum: KINDS, description: 'Kind in force on asOf' })
  @IsOptional()
  @IsIn(KINDS)
  kind?: Kind;
}
