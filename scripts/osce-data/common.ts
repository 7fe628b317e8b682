import { firstDay, isPartialDate } from '../../src/shared/domain/partial-date';
import { isSlug } from '../../src/shared/domain/slug';
import type { DataEvent, Provenance, SourceRef } from './format';
import type { Confidence, SourceConflict } from './source-types';

/** A source string as cited: `https://... (mirror of ...)` -> url + note; plain text -> note only. */
export function parseSource(text: string): SourceRef {
  const match = /^(https?:\/\/\S+)(?:\s+(.*))?$/.exec(text.trim());
  if (!match) return { url: null, note: text.trim() };
  const rest = match[2]?.trim() ?? '';
  return { url: match[1], note: rest ? unwrap(rest) : null };
}

export function urlsOf(sources: SourceRef[]): string[] {
  return sources.flatMap((s) => (s.url ? [s.url] : []));
}

/** `(text)` -> `text`. */
export function unwrap(text: string): string {
  const t = text.trim();
  return t.startsWith('(') && t.endsWith(')') ? t.slice(1, -1).trim() : t;
}

/** A date from the source, checked: a malformed or impossible date stops the conversion. */
export function date(value: string | null | undefined, where: string): string | null {
  if (value === null || value === undefined) return null;
  const text: string = value;
  if (!isPartialDate(value)) throw new Error(`${where}: "${text}" is not a real partial date`);
  return value;
}

export function requireSlug(value: string, where: string): string {
  const text: string = value;
  if (!isSlug(value)) throw new Error(`${where}: "${text}" is not a kebab-case slug`);
  return value;
}

export function provenance(
  sources: string[],
  extra: Partial<Omit<Provenance, 'sources'>> = {},
): Provenance {
  return {
    sources: [...sources],
    confidence: { ...(extra.confidence ?? {}) },
    conflicts: [...(extra.conflicts ?? [])],
    notes: [...(extra.notes ?? [])],
  };
}

export function addConfidence(event: DataEvent, confidence: Confidence, keys: string[]): void {
  for (const key of keys) event.provenance.confidence[key] = confidence[key];
}

export function addConflict(event: DataEvent, conflict: SourceConflict): void {
  event.provenance.conflicts.push(conflict);
}

/** Sort key of a partial date: its first day; undated events sort with their neighbours. */
export function dayKey(value: string | null): string | null {
  return value === null ? null : firstDay(value);
}

/** `"1 Jan 2003"`-style dates in source prose -> `2003-01-01`. Only unambiguous day-month-year. */
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
export function proseDay(day: string, month: string, year: string): string | null {
  const m = MONTHS.indexOf(month.slice(0, 3).toLowerCase());
  if (m < 0) return null;
  const value = `${year}-${String(m + 1).padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isPartialDate(value) ? value : null;
}

/** Stable JSON, two-space indented, with a final newline: the committed files' exact bytes. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
