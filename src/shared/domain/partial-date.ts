/**
 * A date as precise as its source: a year (`1993`), a month (`1992-09`) or a day (`1992-09-08`).
 * For as-of comparisons a period counts from its first day for starts and to its last day for ends.
 */
export type PartialDate = string;
export type Precision = 'year' | 'month' | 'day';

const FORMAT = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function precisionOf(date: PartialDate): Precision | undefined {
  const match = FORMAT.exec(date);
  if (!match) return undefined;
  const [, year, month, day] = match;
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) return undefined;
  if (day !== undefined) {
    const last = daysInMonth(Number(year), Number(month));
    if (Number(day) < 1 || Number(day) > last) return undefined;
    return 'day';
  }
  return month === undefined ? 'year' : 'month';
}

export function isPartialDate(value: unknown): value is PartialDate {
  return typeof value === 'string' && precisionOf(value) !== undefined;
}

/** A full calendar day `YYYY-MM-DD`. */
export function isDay(value: unknown): value is PartialDate {
  return typeof value === 'string' && precisionOf(value) === 'day';
}

/** First day of the period, `YYYY-MM-DD` (ISO strings compare in date order). */
export function firstDay(date: PartialDate): string {
  // By length (the format fixes it): read paths call this for every dated fact of every answer.
  if (date.length === 10) return date;
  if (date.length === 7) return `${date}-01`;
  if (date.length === 4) return `${date}-01-01`;
  const [year, month = '01', day = '01'] = date.split('-');
  return `${year}-${month}-${day}`;
}

/** Last day of the period, `YYYY-MM-DD`. */
export function lastDay(date: PartialDate): string {
  if (date.length === 10) return date;
  if (date.length === 4) return `${date}-12-31`;
  const [year, month, day] = date.split('-');
  if (day) return date;
  if (!month) return `${year}-12-31`;
  return `${year}-${month}-${String(daysInMonth(Number(year), Number(month))).padStart(2, '0')}`;
}

/** True only when the period `end` certainly finishes before the period `start` begins. */
export function endsBefore(end: PartialDate, start: PartialDate): boolean {
  return lastDay(end) < firstDay(start);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
