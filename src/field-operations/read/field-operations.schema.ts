/**
 * Tables of the `field-operations` read model. `state` is the folded domain state as JSON (every
 * dated version, so any as-of view can be computed); the other columns are there to filter on.
 */
export const FIELD_OPERATIONS_SCHEMA = `
CREATE TABLE IF NOT EXISTS field_operations (
  id             TEXT    PRIMARY KEY,
  name           TEXT    NOT NULL,
  kind           TEXT    NOT NULL,
  established_on TEXT    NOT NULL,
  closed_on      TEXT,
  revision       INTEGER NOT NULL,
  position       INTEGER NOT NULL,
  state          TEXT    NOT NULL
);
CREATE TABLE IF NOT EXISTS field_operation_host_states (
  operation_id TEXT NOT NULL,
  state_id     TEXT NOT NULL,
  PRIMARY KEY (operation_id, state_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS field_operation_host_states_by_state
  ON field_operation_host_states (state_id, operation_id);
CREATE TABLE IF NOT EXISTS field_operation_successions (
  predecessor TEXT    NOT NULL,
  successor   TEXT    NOT NULL,
  position    INTEGER NOT NULL,
  PRIMARY KEY (predecessor, successor)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS field_operation_successions_by_successor
  ON field_operation_successions (successor, predecessor);
CREATE TABLE IF NOT EXISTS field_operation_history (
  position     INTEGER PRIMARY KEY,
  operation_id TEXT    NOT NULL,
  revision     INTEGER NOT NULL,
  type         TEXT    NOT NULL,
  summary      TEXT    NOT NULL,
  effective_on TEXT,
  recorded_at  TEXT    NOT NULL,
  actor        TEXT,
  decision     TEXT,
  data         TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS field_operation_history_by_operation
  ON field_operation_history (operation_id, position);
`;
