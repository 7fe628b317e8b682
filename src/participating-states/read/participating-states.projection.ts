import type Database from 'better-sqlite3';
import { dataJsonOf, type RecordedEvent } from '../../event-store/event-store.port';
import { resetIfOutdated } from '../../projections/outdated-schema';
import type { Projection } from '../../projections/projection';
import { actorOf, recordedAtOf, recordedMsOf } from '../../projections/recorded-metadata';
import { statementCache } from '../../projections/statement-cache';
import { PARTICIPATING_STATE_STREAM_PREFIX, stateFactOf } from '../domain/events';
import { evolveState, type ParticipatingStateRecord } from '../domain/participating-state';
import {
  PARTICIPATING_STATES_SCHEMA,
  PARTICIPATING_STATES_TABLES,
} from './participating-states.schema';
import { stateHistoryEntryOf } from './state-history-entry';

const statements = statementCache((db) => ({
  load: db.prepare<[string], { state: string }>(
    'SELECT state FROM participating_states WHERE id = ?',
  ),
  save: db.prepare(
    `INSERT INTO participating_states (id, name, admitted_on, revision, position, state)
     VALUES (@id, @name, @admittedOn, @revision, @position, @state)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, admitted_on = excluded.admitted_on,
       revision = excluded.revision, position = excluded.position, state = excluded.state`,
  ),
  lastRecorded: db.prepare<[string], { recorded_from: number }>(
    `SELECT recorded_from FROM participating_state_versions WHERE state_id = ?
     ORDER BY recorded_from DESC LIMIT 1`,
  ),
  endVersion: db.prepare(
    `UPDATE participating_state_versions SET recorded_to = @from
     WHERE state_id = @id AND recorded_to IS NULL AND recorded_from < @from`,
  ),
  // Events recorded in the same millisecond make one version: the later replaces the earlier.
  saveVersion: db.prepare(
    `INSERT INTO participating_state_versions
       (state_id, recorded_from, recorded_to, revision, position, state)
     VALUES (@id, @from, NULL, @revision, @position, @state)
     ON CONFLICT (state_id, recorded_from) DO UPDATE SET recorded_to = NULL,
       revision = excluded.revision, position = excluded.position, state = excluded.state`,
  ),
  addHistory: db.prepare(
    `INSERT INTO participating_state_history
       (position, state_id, revision, event_id, type, summary, effective_on, recorded_at,
        recorded_from, actor, data)
     VALUES (@position, @stateId, @revision, @eventId, @type, @summary, @effectiveOn,
       @recordedAt, @recordedFrom, @actor, @data)`,
  ),
}));

/**
 * Each participating State as it stands now, every version of it as recorded over time, and one
 * history row per event; folded with the same `evolveState` the commands use.
 */
export class ParticipatingStatesProjection implements Projection {
  readonly name = 'participating-states';

  setup(db: Database.Database): void {
    resetIfOutdated(db, this.name, PARTICIPATING_STATES_SCHEMA, PARTICIPATING_STATES_TABLES);
    db.exec(PARTICIPATING_STATES_SCHEMA);
  }

  apply(db: Database.Database, event: RecordedEvent): void {
    if (!event.stream.startsWith(PARTICIPATING_STATE_STREAM_PREFIX)) return;
    const fact = stateFactOf(event);
    if (!fact) return;
    const id = event.stream.slice(PARTICIPATING_STATE_STREAM_PREFIX.length);
    const s = statements(db);
    const stored = s.load.get(id);
    const before = stored ? (JSON.parse(stored.state) as ParticipatingStateRecord) : undefined;
    const after = evolveState(before, fact);
    if (!after) return;
    // A version is known from its recordedAt, and never before the version it follows.
    const from = Math.max(recordedMsOf(event), s.lastRecorded.get(id)?.recorded_from ?? 0);
    const row = { id, revision: event.revision, position: event.position };
    const state = JSON.stringify(after);
    s.save.run({ ...row, name: after.name, admittedOn: after.admittedOn, state });
    s.endVersion.run({ id, from });
    s.saveVersion.run({ ...row, from, state });
    s.addHistory.run({
      position: event.position,
      stateId: id,
      revision: event.revision,
      eventId: event.id,
      type: event.type,
      ...stateHistoryEntryOf(fact, before),
      recordedAt: recordedAtOf(event),
      recordedFrom: from,
      actor: actorOf(event),
      data: dataJsonOf(event),
    });
  }
}
