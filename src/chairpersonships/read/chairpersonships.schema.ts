import { type VersionedTables, versionedTablesSql } from '../../projections/recorded-versions';

export const CHAIRPERSONSHIP_TABLES: VersionedTables = {
  table: 'chairpersonships',
  versions: 'chairpersonship_versions',
  history: 'chairpersonship_history',
  id: 'chairpersonship_id',
  order: 'e.from_day, e.id',
};

/**
 * Tables of the `chairpersonships` read model, bitemporal like the others: recorded time in epoch
 * milliseconds (`recorded_from` inclusive, `recorded_to` exclusive, NULL while current), valid time
 * in each version's folded state (the period, every Chairperson-in-Office with dates).
 */
export const CHAIRPERSONSHIPS_SCHEMA = `
CREATE TABLE IF NOT EXISTS chairpersonships (
  id        TEXT    PRIMARY KEY,
  state_id  TEXT    NOT NULL,
  from_day  TEXT    NOT NULL,
  to_day    TEXT    NOT NULL,
  revision  INTEGER NOT NULL,
  position  INTEGER NOT NULL,
  state     TEXT    NOT NULL
);
${versionedTablesSql(CHAIRPERSONSHIP_TABLES)}`;

export const CHAIRPERSONSHIPS_TABLES = [
  'chairpersonships',
  'chairpersonship_versions',
  'chairpersonship_history',
];
