/**
 * Tables of the `field-operations` read model, bitemporal: recorded time is epoch milliseconds
 * (`recorded_from` inclusive, `recorded_to` exclusive, NULL while current); valid time is carried
 * by each version's folded state (every dated name, mandate and head) and, to filter on in SQL, by
 * its activity range (`active_from` first day of establishment, `active_to` last day of closure).
 *
 * - `field_operations`: one row per operation, as it stands now (the list of ids to look up); its
 *   folded state, revision and position are those of its last version, so the row changes only
 *   when its name, kind or dates do. `first_recorded` is its first version's `recorded_from`: a
 *   list at an instant skips the operations not yet recorded then on an index of (id,
 *   first_recorded) alone, without seeking their versions (most of them, early in the log).
 * - `field_operation_versions`: one row per (operation, recorded version); the version known at
 *   instant K is one seek on the primary key: the greatest `recorded_from` <= K. A rowid table:
 *   its states (~1-2 KB) fit in its pages, where a `WITHOUT ROWID` table overflows a page per row.
 *   `state` is NULL for a superseded version that is not an anchor (see `version-states.ts`):
 *   readers unfold it from the last anchor before it and the history rows between them.
 * - `field_operation_successions`: each succession link as named by one side (`named_by`), over
 *   the recorded range during which that side named it (a correction can withdraw it).
 * - `field_operation_history`: one row per event, facts and corrections, with the event id and
 *   its data (the fact's provenance is read from it, not kept in a copy of its own).
 */
export const FIELD_OPERATIONS_SCHEMA = `
CREATE TABLE IF NOT EXISTS field_operations (
  id             TEXT    PRIMARY KEY,
  name           TEXT    NOT NULL,
  kind           TEXT    NOT NULL,
  established_on TEXT    NOT NULL,
  closed_on      TEXT,
  first_recorded INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS field_operations_by_id_recorded
  ON field_operations (id, first_recorded);
CREATE TABLE IF NOT EXISTS field_operation_versions (
  operation_id  TEXT    NOT NULL,
  recorded_from INTEGER NOT NULL,
  recorded_to   INTEGER,
  active_from   TEXT    NOT NULL,
  active_to     TEXT,
  revision      INTEGER NOT NULL,
  position      INTEGER NOT NULL,
  state         TEXT,
  PRIMARY KEY (operation_id, recorded_from)
);
CREATE TABLE IF NOT EXISTS field_operation_successions (
  predecessor   TEXT    NOT NULL,
  successor     TEXT    NOT NULL,
  named_by      TEXT    NOT NULL,
  recorded_from INTEGER NOT NULL,
  recorded_to   INTEGER,
  position      INTEGER NOT NULL,
  PRIMARY KEY (predecessor, successor, named_by, recorded_from)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS field_operation_successions_by_successor
  ON field_operation_successions (successor, predecessor);
CREATE INDEX IF NOT EXISTS field_operation_successions_by_namer
  ON field_operation_successions (named_by, recorded_to);
CREATE TABLE IF NOT EXISTS field_operation_history (
  position      INTEGER PRIMARY KEY,
  operation_id  TEXT    NOT NULL,
  revision      INTEGER NOT NULL,
  event_id      TEXT    NOT NULL,
  type          TEXT    NOT NULL,
  summary       TEXT    NOT NULL,
  effective_on  TEXT,
  recorded_at   TEXT    NOT NULL,
  recorded_from INTEGER NOT NULL,
  actor         TEXT,
  decision      TEXT,
  data          TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS field_operation_history_by_operation
  ON field_operation_history (operation_id, position);
`;

/** Tables of an earlier layout of this read model, dropped to project it again from the start. */
export const FIELD_OPERATIONS_TABLES = [
  'field_operations',
  'field_operation_host_states',
  'field_operation_versions',
  'field_operation_successions',
  'field_operation_history',
];
