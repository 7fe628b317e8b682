import type Database from 'better-sqlite3';

/**
 * One table: `position` is the rowid, so positions are contiguous (rows are never deleted and a
 * rolled-back transaction does not consume one) and reading in global order is a primary-key scan.
 *
 * No index beyond (stream, revision): every index is pages more to write and fsync on each append
 * (an index on `id` put every appended event on a random page: ~18 WAL pages per ten-event append
 * instead of the table's ~8; one on (stream, id) still ~12). The only lookup by id, the retry
 * check of an append expecting `any` or `stream_exists`, reads the stream's rows instead (see
 * SqliteAppender); the registry itself always appends at an exact revision or `no_stream`.
 * Files made with one of those indexes lose it on their next open.
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
DROP INDEX IF EXISTS events_by_id;
DROP INDEX IF EXISTS events_by_stream_id;
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
