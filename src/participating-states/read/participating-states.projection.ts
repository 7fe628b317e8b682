import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../event-store/event-store.port';
import { resetIfOutdated } from '../../projections/outdated-schema';
import type { Projection } from '../../projections/projection';
import { recordedMsOf } from '../../projections/recorded-metadata';
import { statementCache } from '../../projections/statement-cache';
import { firstDay } from '../../shared/domain/partial-date';
import {
  PARTICIPATING_STATE_STREAM_PREFIX,
  STATE_ADMITTED,
  type StateAdmitted,
} from '../domain/participating-state';

/**
 * `admitted_from` is the first day of `admitted_on`, for as-of filtering in SQL; `recorded_from`
 * (epoch ms of the admission's recordedAt) answers `knownAt`.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS participating_states (
  id            TEXT    PRIMARY KEY,
  name          TEXT    NOT NULL,
  admitted_on   TEXT    NOT NULL,
  admitted_from TEXT    NOT NULL,
  recorded_from INTEGER NOT NULL
);`;

const statements = statementCache((db) => ({
  save: db.prepare(
    `INSERT INTO participating_states (id, name, admitted_on, admitted_from, recorded_from)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, admitted_on = excluded.admitted_on,
       admitted_from = excluded.admitted_from, recorded_from = excluded.recorded_from`,
  ),
}));

/** One row per participating State. */
export class ParticipatingStatesProjection implements Projection {
  readonly name = 'participating-states';

  setup(db: Database.Database): void {
    const probe = { table: 'participating_states', column: 'recorded_from' };
    resetIfOutdated(db, this.name, probe, ['participating_states']);
    db.exec(SCHEMA);
  }

  apply(db: Database.Database, event: RecordedEvent): void {
    if (event.type !== STATE_ADMITTED) return;
    if (!event.stream.startsWith(PARTICIPATING_STATE_STREAM_PREFIX)) return;
    const { name, admittedOn } = event.data as StateAdmitted;
    const id = event.stream.slice(PARTICIPATING_STATE_STREAM_PREFIX.length);
    statements(db).save.run(id, name, admittedOn, firstDay(admittedOn), recordedMsOf(event));
  }
}
