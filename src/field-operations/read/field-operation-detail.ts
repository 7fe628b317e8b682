import type { FieldOperation } from '../domain/state';
import { type FieldOperationView, linkedViewOn, type Status } from '../domain/view';

/** A field operation as the read API shows it on a day: the view, links from both sides, revision. */
export interface FieldOperationDetail extends FieldOperationView {
  revision: number;
}

export const STATUS_FILTERS = ['active', 'closed', 'not-yet-established', 'all'] as const;
export type StatusFilter = Status | 'all';

/** Succession links recorded by either side, in the order they were recorded. */
export interface Links {
  predecessors: readonly string[];
  successors: readonly string[];
}

/** The operation's own links, then those only the other side named, each once. */
const merged = (own: readonly string[], linked: readonly string[]): string[] =>
  // Most operations have at most one link each way: nothing to deduplicate.
  own.length + linked.length <= 1 ? [...own, ...linked] : [...new Set([...own, ...linked])];

export function detailOn(
  operation: FieldOperation,
  revision: number,
  links: Links,
  day: string,
): FieldOperationDetail {
  const view = linkedViewOn(
    operation,
    day,
    merged(operation.predecessors, links.predecessors),
    merged(operation.successors, links.successors),
  );
  // The revision added to the view built for this answer, rather than a copy of it.
  return Object.assign(view, { revision });
}

/** Today, UTC, as `YYYY-MM-DD`: the default `asOf`. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
