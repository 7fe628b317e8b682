import { firstDay, lastDay } from '../../shared/domain/partial-date';
import type { Kind } from '../domain/kinds';
import type { FieldOperation } from '../domain/state';
import { viewOn } from '../domain/view';

export interface TimelineYear {
  year: number;
  count: number;
  operations: Array<{ id: string; name: string; kind: Kind }>;
}

/** The longest range of years one timeline answers. */
export const MAX_TIMELINE_YEARS = 200;

/**
 * For each year from `from` to `to` (inclusive), the operations active at any time in it: the
 * establishment's first day on or before the year's last, the closure's last day (if any) on or
 * after the year's first. Each is named as it was at the end of the year, or of its activity.
 */
export function timelineOf(
  operations: readonly FieldOperation[],
  from: number,
  to: number,
): TimelineYear[] {
  const years: TimelineYear[] = [];
  for (let year = from; year <= to; year++) {
    const start = `${String(year).padStart(4, '0')}-01-01`;
    const end = `${String(year).padStart(4, '0')}-12-31`;
    const active = operations.flatMap((operation) => {
      const closedOn = operation.closure ? lastDay(operation.closure.closedOn) : undefined;
      if (firstDay(operation.establishedOn) > end || (closedOn && closedOn < start)) return [];
      const { name, kind } = viewOn(operation, closedOn && closedOn < end ? closedOn : end);
      return [{ id: operation.id, name, kind }];
    });
    active.sort((a, b) => a.id.localeCompare(b.id));
    years.push({ year, count: active.length, operations: active });
  }
  return years;
}
