import type { FieldOperation } from '../domain/state';

/** How much stored JSON the parsed states kept in memory may add up to (characters). */
export const PARSED_STATES_BUDGET = 32 * 1024 * 1024;

interface Entry {
  readonly state: FieldOperation;
  readonly size: number;
}

/**
 * Parsed states of field-operation versions, kept for the reads that follow. A version row is
 * identified by the position of the event that made it and its state never changes afterwards (an
 * event recorded in the same millisecond replaces the row under its own position), so a state is
 * parsed once however often it is read; parsing was the largest part of a detail read. The least
 * recently read go first once the JSON they came from passes the budget. States are frozen: every
 * reader shares them.
 */
export class ParsedStates {
  private readonly entries = new Map<number, Entry>();
  private chars = 0;

  constructor(private readonly budget = PARSED_STATES_BUDGET) {}

  /** The state stored as `json` by the version made at `position`. */
  of(position: number, json: string): FieldOperation {
    return this.held(position) ?? this.parse(position, json);
  }

  /** The state of the version made at `position` if it is held, else undefined. */
  held(position: number): FieldOperation | undefined {
    const known = this.entries.get(position);
    if (!known) return undefined;
    // Most recently read last: a Map iterates in insertion order.
    this.entries.delete(position);
    this.entries.set(position, known);
    return known.state;
  }

  private parse(position: number, json: string): FieldOperation {
    const state = deepFreeze(JSON.parse(json) as FieldOperation);
    if (json.length > this.budget) return state;
    this.entries.set(position, { state, size: json.length });
    this.chars += json.length;
    for (const [oldest, entry] of this.entries) {
      if (this.chars <= this.budget) break;
      this.entries.delete(oldest);
      this.chars -= entry.size;
    }
    return state;
  }

  /** Versions held (for tests). */
  get size(): number {
    return this.entries.size;
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
