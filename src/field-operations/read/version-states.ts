import type Database from 'better-sqlite3';
import { statementCache } from '../../projections/statement-cache';
import { factOf } from '../domain/events';
import { evolve, type FieldOperation } from '../domain/state';

/**
 * A version stores its folded state when its revision is a multiple of this, and whenever the
 * facts after the previous stored state could not rebuild it (see `storesState`). The others
 * store none: their state is the previous stored one evolved by the facts recorded after it (at
 * most SNAPSHOT_EVERY - 1), which the history table holds anyway. A state is ~1-3 KB and every
 * event makes a version, so storing each one made the states most of the read-model file and of
 * a rebuild's writes.
 */
export const SNAPSHOT_EVERY = 8;

/**
 * Whether the version an event makes stores its state: every SNAPSHOT_EVERY-th revision (the
 * establishment included), a correction (its state is a fold of every event with the correction,
 * which evolving the facts after a stored state cannot give), and a version replacing another
 * recorded in the same millisecond (the replaced one may have stored a state later versions start
 * from).
 */
export function storesState(revision: bigint, correction: boolean, replacing: boolean): boolean {
  return correction || replacing || revision % BigInt(SNAPSHOT_EVERY) === 0n;
}

/** A version row as readers and the projection select it. */
export interface VersionRow {
  id: string;
  recorded_from: number;
  position: number;
  state: string | null;
}

const queries = statementCache((db: Database.Database) => ({
  // Through the (operation_id, recorded_from) key: within an operation, recorded_from grows with
  // the position of the event that made the version.
  stored: db.prepare<[string, number], { position: number; state: string }>(
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
 * The folded state of a version row: its own if stored, else the last stored one before it
 * evolved by the facts recorded between them. `parse` turns a stored state into an object (the
 * readers' parsed-state cache, or JSON.parse).
 */
export function stateOfVersion(
  db: Database.Database,
  row: VersionRow,
  parse: (position: number, json: string) => FieldOperation,
): FieldOperation {
  if (row.state !== null) return parse(row.position, row.state);
  const q = queries(db);
  const stored = q.stored.get(row.id, row.recorded_from);
  if (!stored)
    throw new Error(`Field operation ${row.id} has no stored state before ${row.position}`);
  let state: FieldOperation | undefined = parse(stored.position, stored.state);
  for (const event of q.factsBetween.all(row.id, stored.position, row.position)) {
    const fact = factOf(event.type, JSON.parse(event.data) as unknown);
    if (fact) state = evolve(state, fact);
  }
  return state!;
}
