import { type VersionedTables, versionedTablesSql } from '../../projections/recorded-versions';

export const PARTICIPATING_STATE_TABLES: VersionedTables = {
  table: 'participating_states',
  versions: 'participating_state_versions',
  history: 'participating_state_history',
  id: 'state_id',
  order: 'e.id',
};

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
${versionedTablesSql(PARTICIPATING_STATE_TABLES)}`;

export const PARTICIPATING_STATES_TABLES = [
  'participating_states',
  'participating_state_versions',
  'participating_state_history',
];
