import { firstDay } from '../../shared/domain/partial-date';
import { BudgetedCache } from '../../shared/read/budgeted-cache';
import type { FieldOperation } from '../domain/state';

/**
 * How much memory the parsed states kept may take (bytes, as `sizeOf` estimates V8's heap for
 * them). 64 MB holds every operation's current version at 1M events (about 30,000 operations,
 * ~1.8 KB each: 49 MB of heap measured), with room for the versions `knownAt` reads ask for.
 */
export const PARSED_STATES_BUDGET = 64 * 1024 * 1024;

/**
 * Parsed states of field-operation versions, kept for the reads that follow (`BudgetedCache`:
 * oldest first past the budget, a state read since it was kept spared once). A version row is
 * identified by the position of the event that made it and its state never changes afterwards (an
 * event recorded in the same millisecond replaces the row under its own position), so a state is
 * parsed once however often it is read; parsing was the largest part of a detail read. What is
 * kept is what `viewOn` reads (`viewable`): about half the memory of the whole state. A read is
 * made on every detail read and ~50 times per page of a list. States are frozen: every reader
 * shares them.
 */
export class ParsedStates {
  private readonly states: BudgetedCache<number, FieldOperation>;

  constructor(readonly budget = PARSED_STATES_BUDGET) {
    this.states = new BudgetedCache(budget);
  }

  /** The state stored as `json` by the version made at `position`, as far as `viewOn` reads it. */
  of(position: number, json: string): FieldOperation {
    return this.held(position) ?? this.parse(position, json);
  }

  /** The state of the version made at `position` if it is held, else undefined. */
  held(position: number): FieldOperation | undefined {
    return this.states.get(position);
  }

  /**
   * Keeps `state`, the whole state of the version made at `position` computed rather than parsed
   * (a version without a stored state, unfolded), as far as `viewOn` reads it.
   */
  keep(position: number, state: FieldOperation): FieldOperation {
    return this.hold(position, viewable(state));
  }

  private parse(position: number, json: string): FieldOperation {
    return this.hold(position, viewable(JSON.parse(json) as FieldOperation));
  }

  private hold(position: number, state: FieldOperation): FieldOperation {
    return this.states.set(position, state, freeze(state));
  }

  /** Versions held (for tests). */
  get size(): number {
    return this.states.size;
  }

  /** Their estimated size in bytes (for tests). */
  get heldBytes(): number {
    return this.states.heldBytes;
  }
}

const NONE: readonly string[] = Object.freeze([]);

/**
 * The state with only what `viewOn` reads (the views of the read API, lineage and timeline are
 * all made by it): what a fact's decision, source and provenance were, and every extension of a
 * mandate but its last, are left out (null or empty). The mandates' summaries, names and dates
 * stay, the dates a version starts from (which views only compare, never show) as their first
 * day, so that a view computes none (each `firstDay` of a partial date is a new string, on every
 * view of every list item); `parsed-states.spec.ts` checks that the views do not change.
 */
export function viewable(state: FieldOperation): FieldOperation {
  const { closure } = state;
  return {
    id: state.id,
    establishedOn: state.establishedOn,
    establishedBy: null,
    sourceUrl: null,
    names: state.names.map(({ name, kind, from }) => ({
      name,
      kind,
      from: firstDay(from),
      decision: null,
    })),
    hostStateVersions: state.hostStateVersions.map(({ hostStates, from }) => ({
      hostStates,
      from: firstDay(from),
      decision: null,
    })),
    seats: state.seats.map(({ seat, from }) => ({ seat, from: firstDay(from), decision: null })),
    mandates: state.mandates.map(({ summary, decision, effectiveFrom, until, extensions }) => ({
      summary,
      decision,
      effectiveFrom: firstDay(effectiveFrom),
      until,
      extensions: extensions.slice(-1),
    })),
    heads: state.heads.map(({ name, from }) => ({ name, from: firstDay(from) })),
    predecessors: state.predecessors,
    successors: state.successors,
    closure: closure && {
      operationId: state.id,
      closedOn: closure.closedOn,
      reason: closure.reason,
      decision: null,
      successors: NONE as string[],
    },
  };
}

/**
 * Freezes a parsed value deeply and estimates its size on V8's heap (64-bit): 16 bytes and the
 * characters of a string (one byte each, most are Latin-1), 24 for an object and 16 for an array
 * plus 8 a slot. Close to what a heap snapshot shows for these states (54 against 49 MB).
 */
function freeze(value: unknown): number {
  if (typeof value === 'string') return 16 + value.length;
  if (value === null || typeof value !== 'object') return 0;
  let size = Array.isArray(value) ? 16 : 24;
  for (const child of Object.values(value)) size += 8 + freeze(child);
  Object.freeze(value);
  return size;
}
