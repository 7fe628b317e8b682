/**
 * A date as precise as its source: a year (`1993`), a month (`1992-09`) or a day (`1992-09-08`).
 * For as-of comparisons a period counts from its first day for starts and to its last day for ends.
 */
export type PartialDate = string;
export type Precision = 'year' | 'month' | 'day';

/**
 * The years a recorded date may take. The registry's subject begins with the Helsinki
 * consultations of 1972-73 (every bundled fact is dated 1973 or later); the lower bound leaves
 * room for earlier background facts while refusing slips such as `0000`, `0001` or `1800`. The
 * upper bound leaves room for mandates agreed to run decades ahead while refusing placeholders
 * such as `2999-12-31` or `9999`, which would otherwise stretch every range derived from the data
 * (the timeline's default span, for one).
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

/** What a recorded date must be: completes "<property> must be ...". */
export const PARTIAL_DATE_EXPECTATION = `a date as precise as known: YYYY, YYYY-MM or YYYY-MM-DD, in the years ${MIN_YEAR} to ${MAX_YEAR}`;

const FORMAT = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * The precision of a well-formed date of any four-digit year that is on the calendar (a real
 * month, a real day of it), or undefined. It does not bound the year: stored data is read as it is.
 */
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

/** A date that may be recorded: a real year, month or day in the years MIN_YEAR..MAX_YEAR. */
export function isPartialDate(value: unknown): value is PartialDate {
  if (typeof value !== 'string' || precisionOf(value) === undefined) return false;
  const year = Number(value.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/**
 * A full calendar day `YYYY-MM-DD`, of any four-digit year: it is what a read is asked for
 * (`asOf`), never recorded, so a day before or after every recorded fact is a fair question.
 */
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

/**
 * Days in a month (1-12) of the proleptic Gregorian calendar, for every year: set through
 * `setUTCFullYear`, since `Date.UTC` would read the years 0-99 as 1900-1999.
 */
export function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}
