import { BudgetedCache } from '../../shared/read/budgeted-cache';
import { jsonBytes } from '../../shared/read/json-bytes';
import type { FieldOperationDetail, Links } from './field-operation-detail';

/**
 * How much memory the details kept may take: their JSON and an estimate of their objects. The
 * pages of one instant's lists on the 31 days a client might ask at 1M events hold ~3,100
 * details, ~3.3 MB: 8 MB keeps two such sets. More only held details of instants asked once
 * (pages at a knownAt never asked before), and raised the serving process's peak memory.
 */
export const DETAIL_CACHE_BUDGET = 8 * 1024 * 1024;

/** A detail's objects on V8's heap, its strings shared with the state (measured ~300 bytes). */
const DETAIL_OBJECT_BYTES = 400;

/**
 * The details list pages answer with, frozen, kept per version, day and links with their JSON
 * (`jsonBytes`, made once). A version is named by the position of the event that made it and its
 * state never changes (see `ParsedStates`), so the detail of a version on a day with the same
 * links is always the same; its revision comes with the version. A list page of a hundred
 * operations otherwise builds a hundred details and serialises them, on every request, for the
 * same few days and instants clients ask about. Only details that went on a page are kept (a
 * list looks at many more when a filter is sparse), within a budget (`BudgetedCache`).
 *
 * The links are part of the key by their content: a list at an instant has them from its walk, a
 * list as now reads them afresh.
 */
export class DetailCache {
  private readonly details: BudgetedCache<string, FieldOperationDetail>;

  constructor(readonly budget = DETAIL_CACHE_BUDGET) {
    this.details = new BudgetedCache(budget);
  }

  /** The detail kept for the version made at `position` on `day` with `links`, if any. */
  get(position: number, links: Links, day: string): FieldOperationDetail | undefined {
    return this.details.get(keyOf(position, day, links));
  }

  /** Keeps `detail` (what `detailOn` made for that version, day and links), frozen; returns it. */
  keep(
    position: number,
    links: Links,
    day: string,
    detail: FieldOperationDetail,
  ): FieldOperationDetail {
    const key = keyOf(position, day, links);
    const kept = frozen(detail);
    return this.details.set(key, kept, DETAIL_OBJECT_BYTES + key.length + jsonBytes(kept).length);
  }

  /** Details held (for tests). */
  get size(): number {
    return this.details.size;
  }

  /** Their estimated size in bytes (for tests). */
  get heldBytes(): number {
    return this.details.heldBytes;
  }
}

/** Ids are slugs: neither a space nor `>` can occur in one. */
function keyOf(position: number, day: string, links: Links): string {
  const { predecessors, successors } = links;
  if (predecessors.length === 0 && successors.length === 0) return `${day} ${position}`;
  return `${day} ${position} ${predecessors.join(' ')}>${successors.join(' ')}`;
}

/** The detail and what it holds of its own (the mandate, the merged links) frozen. */
function frozen(detail: FieldOperationDetail): FieldOperationDetail {
  Object.freeze(detail.mandate);
  Object.freeze(detail.predecessors);
  Object.freeze(detail.successors);
  return Object.freeze(detail);
}
