import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { DecimalInteger, IsSlug } from '../../http';

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;

/** Where a page of a list starts (after this id; '' for the first page) and how long it is. */
export interface PageRequest {
  after: string;
  limit: number;
}

/** A page of a list; `next` is the id to pass as `after` for the following page, null on the last. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

// A mixin's base must be constructible with any arguments (TypeScript's rule for mixins).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type QueryClass = new (...args: any[]) => object;

/**
 * `Base` with the paging parameters of a list read in a stable order: `after` (the `next` of the
 * previous page, an id) and `limit`.
 */
export function Paged<TBase extends QueryClass>(Base: TBase) {
  class PagedQuery extends Base {
    @ApiPropertyOptional({
      description:
        'Exclusive: the items after the one with this id (the `next` of the previous page). Default: from the first.',
    })
    @IsOptional()
    @IsSlug()
    after?: string;

    @ApiPropertyOptional({
      minimum: 1,
      maximum: MAX_PAGE,
      default: DEFAULT_PAGE,
      description: 'Page size, in decimal digits',
    })
    @IsOptional()
    @DecimalInteger({ min: 1, max: MAX_PAGE })
    limit?: number;
  }
  return PagedQuery;
}

export const pageRequestOf = (query: { after?: string; limit?: number }): PageRequest => ({
  after: query.after ?? '',
  limit: query.limit ?? DEFAULT_PAGE,
});

/** The first `limit` of `items` (read one beyond the page to know whether another follows). */
export function pageOf<T extends { id: string }>(items: T[], limit: number): Page<T> {
  if (items.length <= limit) return { items, next: null };
  const page = items.slice(0, limit);
  return { items: page, next: page[page.length - 1].id };
}
