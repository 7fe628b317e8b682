import type { FactCorrected, FieldOperationFact } from '../domain/events';
import { type HistoryEntry, shorten } from './history-entry';

const shown = (value: unknown): string => {
  if (value === null || value === undefined) return 'none';
  if (Array.isArray(value)) return `[${value.map(shown).join(', ')}]`;
  return shorten(typeof value === 'string' ? value : JSON.stringify(value), 60);
};

/**
 * The history line of a correction: what changed in which fact, from what to what, and why
 * ("Corrected closedOn of GroupClosed: 2003-12-31 -> 2002-12-31 (the press release says so)").
 * `before` is the corrected fact as it stood before this correction (earlier corrections applied).
 */
export function correctionEntryOf(
  correction: FactCorrected,
  before: FieldOperationFact | undefined,
): HistoryEntry {
  const was = (before?.data ?? {}) as Record<string, unknown>;
  const fields = Object.keys(correction.changes);
  const change = (field: string): string =>
    `${shown(was[field])} -> ${shown(correction.changes[field])}`;
  const what =
    fields.length === 1
      ? `${fields[0]} of ${correction.correctedType}: ${change(fields[0])}`
      : `${correction.correctedType}: ${fields.map((f) => `${f} ${change(f)}`).join('; ')}`;
  return {
    summary: `Corrected ${what} (${shorten(correction.reason)})`,
    effectiveOn: null,
    decision: null,
  };
}
