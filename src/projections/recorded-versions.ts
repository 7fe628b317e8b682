import type Database from 'better-sqlite3';
import type { PartialDate } from '../shared/domain/partial-date';

/**
 * The bitemporal layout the participating-State and Chairpersonship read models share: a row per
 * entity as it stands now (the caller's own table), a row per (entity, recorded version) whose
 * folded state carries valid time, and a row per event for the history. Recorded time is epoch
 * milliseconds: `recorded_from` inclusive, `recorded_to` exclusive, NULL while current.
 */
export interface VersionedTables {
  /** The entity table (`id` primary key), as it stands now. */
  readonly table: string;
  readonly versions: string;
  readonly history: string;
  /** The entity id column in `versions` and `history`. */
  readonly id: string;
  /** ORDER BY of a list, over the entity table aliased `e`. */
  readonly order: string;
}

export function versionedTablesSql(t: VersionedTables): string {
  return `
CREATE TABLE IF NOT EXISTS ${t.versions} (
  ${t.id}       TEXT    NOT NULL,
  recorded_from INTEGER NOT NULL,
  recorded_to   INTEGER,
  revision      INTEGER NOT NULL,
  position      INTEGER NOT NULL,
  state         TEXT    NOT NULL,
  PRIMARY KEY (${t.id}, recorded_from)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ${t.history} (
  position      INTEGER PRIMARY KEY,
  ${t.id}       TEXT    NOT NULL,
  revision      INTEGER NOT NULL,
  event_id      TEXT    NOT NULL,
  type          TEXT    NOT NULL,
  summary       TEXT    NOT NULL,
  effective_on  TEXT,
  recorded_at   TEXT    NOT NULL,
  recorded_from INTEGER NOT NULL,
  actor         TEXT,
  data          TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS ${t.history}_by_entity ON ${t.history} (${t.id}, position);
`;
}

export interface VersionRow {
  id: string;
  revision: number;
  state: string;
}

export interface HistoryRow {
  position: number;
  revision: number;
  event_id: string;
  type: string;
  summary: string;
  effective_on: string | null;
  recorded_at: string;
  actor: string | null;
  data: string;
}

/** One event of an entity's history as the read API shows it. */
export interface RecordedHistoryItem {
  id: string;
  position: number;
  revision: number;
  type: string;
  summary: string;
  effectiveOn: PartialDate | null;
  recordedAt: string;
  actor: string | null;
  data: unknown;
}

export function historyItemOf(row: HistoryRow): RecordedHistoryItem {
  return {
    id: row.event_id,
    position: row.position,
    revision: row.revision,
    type: row.type,
    summary: row.summary,
    effectiveOn: row.effective_on,
    recordedAt: row.recorded_at,
    actor: row.actor,
    data: JSON.parse(row.data) as unknown,
  };
}

/** "Everything recorded so far": later than any recorded instant. */
export const NOW = Number.MAX_SAFE_INTEGER;

/** The reads every versioned read model answers; each is a seek on a primary key or index. */
export function versionStatements(db: Database.Database, t: VersionedTables) {
  return {
    /** Per entity, its last version recorded at or before `knownAt`. */
    known: db.prepare<[{ knownAt: number }], VersionRow>(
      `SELECT v.${t.id} AS id, v.revision, v.state
       FROM ${t.table} e
       JOIN ${t.versions} v ON v.${t.id} = e.id AND v.recorded_from = (
         SELECT MAX(w.recorded_from) FROM ${t.versions} w
         WHERE w.${t.id} = e.id AND w.recorded_from <= @knownAt)
       ORDER BY ${t.order}`,
    ),
    byId: db.prepare<[string, number], VersionRow>(
      `SELECT ${t.id} AS id, revision, state FROM ${t.versions}
       WHERE ${t.id} = ? AND recorded_from <= ? ORDER BY recorded_from DESC LIMIT 1`,
    ),
    historyOf: db.prepare<[string, number], HistoryRow>(
      `SELECT position, revision, event_id, type, summary, effective_on, recorded_at, actor, data
       FROM ${t.history} WHERE ${t.id} = ? AND recorded_from <= ? ORDER BY position`,
    ),
  };
}
