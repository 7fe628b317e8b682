import type Database from 'better-sqlite3';
import { statementCache } from '../../projections/statement-cache';
import { factOf } from '../domain/events';
import { evolve, type FieldOperation } from '../domain/state';

/**
 * Which versions of a field operation keep their folded state (~1-3 KB of JSON) once a later
 * version supersedes them. Every event makes a version, so keeping every state made the states
 * most of the read-model file and of a rebuild's writes (and a JSON.stringify per event). The
 * current version (`recorded_to` NULL) always has its state, so reads of operations as they stand
 * now never unfold. A superseded version keeps it when it is an anchor (`isAnchor`); the others
 * are unfolded when a `knownAt` read asks for them: the last anchor before them evolved by the
 * facts the history table holds between the two (at most ANCHOR_EVERY - 1).
 */
export const ANCHOR_EVERY = 8;

/**
 * Whether an event makes its version an anchor: the operation's first version, every
 * ANCHOR_EVERY-th revision, and a correction (its state is a fold of every event with the
 * correction applied, which evolving the facts after an earlier state cannot give). A version
 * that events recorded in the same millisecond made together is an anchor when any of them is.
 */
export function isAnchor(revision: bigint, correction: boolean, first: boolean): boolean {
  return first || correction || revision % ANCHOR_EVERY_BIG === 0n;
}

const ANCHOR_EVERY_BIG = BigInt(ANCHOR_EVERY);

/** A version row as readers select it; `state` is null for a superseded version not an anchor. */
export interface VersionRow {
  id: string;
  recorded_from: number;
  /** Position of the event that made the version (the last, for events of one millisecond). */
  position: number;
  state: string | null;
}

const queries = statementCache((db: Database.Database) => ({
  // Walks back the (operation_id, recorded_from) key: at most ANCHOR_EVERY - 1 rows.
  anchor: db.prepare<[string, number], { position: number; state: string }>(
    `SELECT position, state FROM field_operation_versions
     WHERE operation_id = ? AND recorded_from < ? AND state IS NOT NULL
     ORDER BY recorded_from DESC LIMIT 1`,
  ),
  factsBetween: db.prepare<[string, number, number], { type: string; data: string }>(
    `SELECT type, data FROM field_operation_history
     WHERE operation_id = ? AND position > ? AND position <= ? ORDER BY position`,
  ),
}));

/**
 * The folded state of a version without a stored one: the last anchor before it evolved by the
 * facts recorded after the anchor up to the version, as the projection evolved them (no
 * correction lies between them: a correction makes an anchor).
 */
export function unfoldState(db: Database.Database, row: VersionRow): FieldOperation {
  const q = queries(db);
  const anchor = q.anchor.get(row.id, row.recorded_from);
  if (!anchor) {
    throw new Error(
      `Field operation ${row.id} has no stored state before position ${row.position}`,
    );
  }
  let state: FieldOperation | undefined = JSON.parse(anchor.state) as FieldOperation;
  for (const event of q.factsBetween.all(row.id, anchor.position, row.position)) {
    const fact = factOf(event.type, JSON.parse(event.data) as unknown);
    if (fact) state = evolve(state, fact);
  }
  return state!;
}
