/**
 * Tables of the `participating-states` read model, bitemporal like the field operations': recorded
 * time in epoch milliseconds (`recorded_from` inclusive, `recorded_to` exclusive, NULL while
 * current); valid time in each version's folded state (admission, names, suspensions, dissolution).
 *
 * - `participating_states`: one row per State, as it stands now.
 * - `participating_state_versions`: one row per (State, recorded version); the version known at
 *   instant K is the greatest `recorded_from` <= K.
 * - `participating_state_history`: one row per event, with its one-line summary.
 */
export const PARTICIPATING_STATES_SCHEMA = `
CREATE TABLE IF NOT EXISTS participating_states (
  id          TEXT    PRIMARY KEY,
  name        TEXT    NOT NULL,
  admitted_on TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  position    INTEGER NOT NULL,
  state       TEXT    NOT NULL
);
CREATE TABLE IF NOT EXISTS participating_state_versions (
  state_id      TEXT    NOT NULL,
  recorded_from INTEGER NOT NULL,
  recorded_to   INTEGER,
  revision      INTEGER NOT NULL,
  position      INTEGER NOT NULL,
  state         TEXT    NOT NULL,
  PRIMARY KEY (state_id, recorded_from)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS participating_state_history (
  position      INTEGER PRIMARY KEY,
  state_id      TEXT    NOT NULL,
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
CREATE INDEX IF NOT EXISTS participating_state_history_by_state
  ON participating_state_history (state_id, position);
`;

export const PARTICIPATING_STATES_TABLES = [
  'participating_states',
  'participating_state_versions',
  'participating_state_history',
];
