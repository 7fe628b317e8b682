import type { FieldOperation } from '../domain/state';
import { type FieldOperationView, type Status, viewOn } from '../domain/view';

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

const merged = (own: readonly string[], linked: readonly string[]): string[] => [
  ...new Set([...own, ...linked]),
];

export function detailOn(
  operation: FieldOperation,
  revision: number,
  links: Links,
  day: string,
): FieldOperationDetail {
  const view = viewOn(operation, day);
  return {
    ...view,
    predecessors: merged(view.predecessors, links.predecessors),
    successors: merged(view.successors, links.successors),
    revision,
  };
}

/** Today, UTC, as `YYYY-MM-DD`: the default `asOf`. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
