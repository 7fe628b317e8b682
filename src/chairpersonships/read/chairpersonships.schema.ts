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
CREATE TABLE IF NOT EXISTS chairpersonship_versions (
  chairpersonship_id TEXT    NOT NULL,
  recorded_from      INTEGER NOT NULL,
  recorded_to        INTEGER,
  revision           INTEGER NOT NULL,
  position           INTEGER NOT NULL,
  state              TEXT    NOT NULL,
  PRIMARY KEY (chairpersonship_id, recorded_from)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS chairpersonship_history (
  position           INTEGER PRIMARY KEY,
  chairpersonship_id TEXT    NOT NULL,
  revision           INTEGER NOT NULL,
  event_id           TEXT    NOT NULL,
  type               TEXT    NOT NULL,
  summary            TEXT    NOT NULL,
  effective_on       TEXT,
  recorded_at        TEXT    NOT NULL,
  recorded_from      INTEGER NOT NULL,
  actor              TEXT,
  data               TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS chairpersonship_history_by_chairpersonship
  ON chairpersonship_history (chairpersonship_id, position);
`;

export const CHAIRPERSONSHIPS_TABLES = [
  'chairpersonships',
  'chairpersonship_versions',
  'chairpersonship_history',
];
