/**
 * CSV as RFC 4180 writes it: records end in CRLF, a field holding a comma, a double quote, CR or
 * LF is enclosed in double quotes with its quotes doubled, and null or undefined is an empty field.
 * Values are written as they are (no prefix against spreadsheet formulas), so an export can be
 * checked against the log.
 */
export const CSV_MEDIA_TYPE = 'text/csv; charset=utf-8; header=present';

export type CsvValue = string | number | bigint | boolean | null | undefined;

/** One column of an export: its header and how to read the value from an item. */
export interface CsvColumn<T> {
  readonly header: string;
  readonly value: (item: T) => CsvValue;
}

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** The header record, then one record per item, as the items arrive. */
export async function* csvRecords<T>(
  columns: readonly CsvColumn<T>[],
  items: AsyncIterable<T> | Iterable<T>,
): AsyncGenerator<string> {
  yield csvRecord(columns.map((column) => column.header));
  for await (const item of items) yield csvRecord(columns.map((column) => column.value(item)));
}
