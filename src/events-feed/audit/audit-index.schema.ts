/**
 * The audit index: one row per event of the log, with the columns the feed filters on, each
 * indexed together with `position` so that a filtered page in log order is an index range scan
 * (the index alone: a page needs the positions only). The events themselves are read from the
 * event store at those positions (`EventStore.readAt`), so the index holds no copy of them; the
 * `reason` the event was recorded with is kept for the history CSV export, which asks for it by
 * position. Nothing reads the index while projecting, so its indexes are built once it has caught
 * up.
 */
export const AUDIT_INDEX_SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_events (
  position       INTEGER PRIMARY KEY,
  stream         TEXT    NOT NULL,
  type           TEXT    NOT NULL,
  actor          TEXT,
  decision_id    TEXT,
  recorded_at    INTEGER NOT NULL,
  correlation_id TEXT,
  reason         TEXT
);
`;

/** Tables of this read model, dropped when a file holds them in an earlier layout. */
export const AUDIT_INDEX_TABLES = ['audit_events'];

/** The feed's filters, built by the engine once the index has caught up (see Projection). */
export const AUDIT_INDEX_READER_INDEXES = `
CREATE INDEX IF NOT EXISTS audit_events_by_stream ON audit_events (stream, position);
CREATE INDEX IF NOT EXISTS audit_events_by_type ON audit_events (type, position);
CREATE INDEX IF NOT EXISTS audit_events_by_actor ON audit_events (actor, position);
CREATE INDEX IF NOT EXISTS audit_events_by_decision ON audit_events (decision_id, position);
CREATE INDEX IF NOT EXISTS audit_events_by_correlation ON audit_events (correlation_id, position);
CREATE INDEX IF NOT EXISTS audit_events_by_recorded_at ON audit_events (recorded_at, position);
`;
