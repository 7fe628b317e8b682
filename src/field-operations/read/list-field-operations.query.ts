import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsSlug } from '../../http';
import { AsOfQuery } from '../../shared/read/as-of.query';
import { KINDS, type Kind } from '../domain/kinds';
import { STATUS_FILTERS, type StatusFilter } from './field-operation-detail';

export const DEFAULT_OPERATIONS_PAGE = 100;
export const MAX_OPERATIONS_PAGE = 1000;

/** Filters of `GET /api/field-operations`, all applied to each operation's view on `asOf`. */
export class ListFieldOperationsQuery extends AsOfQuery {
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

  @ApiPropertyOptional({
    description:
      'Exclusive: operations whose id comes after this one (the `next` of the previous page). Default: from the first.',
    example: 'mission-to-croatia',
  })
  @IsOptional()
  @IsSlug()
  after?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_OPERATIONS_PAGE,
    default: DEFAULT_OPERATIONS_PAGE,
    description: 'Page size',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_OPERATIONS_PAGE)
  limit?: number;
}
