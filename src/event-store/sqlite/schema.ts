import type Database from 'better-sqlite3';

/**
 * One table: `position` is the rowid, so positions are contiguous (rows are never deleted and a
 * rolled-back transaction does not consume one) and reading in global order is a primary-key scan.
 *
 * A retry is recognised by its event ids within the stream, hence the index on (stream, id): the
 * entries of one append sit together, so a commit dirties a page or two of it, where the former
 * index on `id` alone (dropped here; files made before get the new one on their next open) put
 * every event of an append on a random page, ten pages more to write and fsync per ten events.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY,
  id          TEXT    NOT NULL,
  stream      TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at INTEGER NOT NULL,
  UNIQUE (stream, revision)
);
CREATE INDEX IF NOT EXISTS events_by_stream_id ON events (stream, id);
DROP INDEX IF EXISTS events_by_id;
`;

export type SynchronousMode = 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';

export interface SqlitePragmas {
  synchronous: SynchronousMode;
  busyTimeoutMs: number;
}

export function prepareDatabase(db: Database.Database, pragmas: SqlitePragmas): void {
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(pragmas.busyTimeoutMs))}`);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${pragmas.synchronous}`);
  db.exec(SCHEMA);
}
