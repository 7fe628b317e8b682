import { jsonBytes } from '../../http/responses/json-page';
import type { FieldOperation } from '../domain/state';
import { detailOn, type FieldOperationDetail, type Links } from './field-operation-detail';

/** How much memory the details kept may take: their JSON and an estimate of their objects. */
export const DETAIL_CACHE_BUDGET = 16 * 1024 * 1024;

/** A detail's objects on V8's heap, its strings shared with the state (measured ~300 bytes). */
const DETAIL_OBJECT_BYTES = 400;

interface Entry {
  readonly detail: FieldOperationDetail;
  readonly size: number;
}

/**
 * The details lists answer with, frozen, built once per version, day and links, with their JSON
 * (`jsonBytes`) made once too. A version is named by the position of the event that made it and
 * its state never changes (see `ParsedStates`), so the detail of a version on a day with the same
 * links is always the same; its revision comes with the version. A list page of a hundred
 * operations otherwise builds a hundred details and serialises them, on every request, for the
 * same few days and instants a client asks about.
 *
 * The oldest go first once the budget is passed. The links are part of the key by their content:
 * a list at an instant has them from its walk, a list as now reads them afresh.
 */
export class DetailCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(readonly budget = DETAIL_CACHE_BUDGET) {}

  /**
   * The detail of `version` on `day` with `links`; its state (`stateOf`) is read only when the
   * detail is not kept.
   */
  detail<V extends { readonly position: number; readonly revision: number }>(
    version: V,
    links: Links,
    day: string,
    stateOf: (version: V) => FieldOperation,
  ): FieldOperationDetail {
    const key = keyOf(version.position, day, links);
    const known = this.entries.get(key);
    if (known) return known.detail;
    const detail = frozen(detailOn(stateOf(version), version.revision, links, day));
    const size = DETAIL_OBJECT_BYTES + key.length + jsonBytes(detail).length;
    if (size > this.budget) return detail;
    this.entries.set(key, { detail, size });
    this.bytes += size;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.budget) break;
      this.entries.delete(oldest);
      this.bytes -= entry.size;
    }
    return detail;
  }

  /** Details held (for tests). */
  get size(): number {
    return this.entries.size;
  }

  /** Their estimated size in bytes (for tests). */
  get heldBytes(): number {
    return this.bytes;
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
