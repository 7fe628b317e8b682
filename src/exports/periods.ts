import { firstDay, type PartialDate, precisionOf } from '../shared/domain/partial-date';

/**
 * The period just before `date`, at the same precision: the day before a day, the month before a
 * month, the year before a year. What ends when something dated `date` begins.
 */
export function periodBefore(date: PartialDate): PartialDate {
  const [year, month, day] = date.split('-').map(Number);
  const precision = precisionOf(date);
  if (precision === 'year') return String(year - 1).padStart(4, '0');
  if (precision === 'month') {
    const previous = new Date(Date.UTC(year, month - 2, 1));
    return previous.toISOString().slice(0, 7);
  }
  return new Date(Date.UTC(year, month - 1, day - 1)).toISOString().slice(0, 10);
}

/** A version with the valid-time period it was in force: from its start to the next one's. */
export interface Dated<T> {
  value: T;
  start: PartialDate;
  /** Last period it was in force; null while it still is (or the thing was never closed). */
  end: PartialDate | null;
}

/**
 * Versions in valid-time order (recording order breaking ties, as `viewOn` does), each ending the
 * period before the next starts; the last ends with `closedOn` (or not at all).
 */
export function timeline<T>(
  versions: readonly T[],
  startOf: (version: T) => PartialDate,
  closedOn: PartialDate | null,
): Array<Dated<T>> {
  const ordered = versions
    .map((value, index) => ({ value, index }))
    .sort(
      (a, b) =>
        firstDay(startOf(a.value)).localeCompare(firstDay(startOf(b.value))) || a.index - b.index,
    )
    .map(({ value }) => value);
  return ordered.map((value, i) => {
    const next = ordered[i + 1];
    return {
      value,
      start: startOf(value),
      end: next === undefined ? closedOn : periodBefore(startOf(next)),
    };
  });
}
