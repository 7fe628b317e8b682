import type Database from 'better-sqlite3';
import { dataJsonOf, type RecordedEvent } from '../../event-store/event-store.port';
import { resetIfOutdated } from '../../projections/outdated-schema';
import type { Projection } from '../../projections/projection';
import { actorOf, recordedAtOf, recordedMsOf } from '../../projections/recorded-metadata';
import { statementCache } from '../../projections/statement-cache';
import { firstDay, lastDay } from '../../shared/domain/partial-date';
import { type Chairpersonship, evolveChairpersonship } from '../domain/chairpersonship';
import {
  CHAIRPERSONSHIP_ASSUMED,
  CHAIRPERSONSHIP_STREAM_PREFIX,
  type ChairpersonshipFact,
  chairpersonshipFactOf,
} from '../domain/events';
import { CHAIRPERSONSHIPS_SCHEMA, CHAIRPERSONSHIPS_TABLES } from './chairpersonships.schema';

const statements = statementCache((db) => ({
  load: db.prepare<[string], { state: string }>('SELECT state FROM chairpersonships WHERE id = ?'),
  save: db.prepare(
    `INSERT INTO chairpersonships (id, state_id, from_day, to_day, revision, position, state)
     VALUES (@id, @stateId, @fromDay, @toDay, @revision, @position, @state)
     ON CONFLICT (id) DO UPDATE SET state_id = excluded.state_id, from_day = excluded.from_day,
       to_day = excluded.to_day, revision = excluded.revision, position = excluded.position,
       state = excluded.state`,
  ),
  lastRecorded: db.prepare<[string], { recorded_from: number }>(
    `SELECT recorded_from FROM chairpersonship_versions WHERE chairpersonship_id = ?
     ORDER BY recorded_from DESC LIMIT 1`,
  ),
  endVersion: db.prepare(
    `UPDATE chairpersonship_versions SET recorded_to = @from
     WHERE chairpersonship_id = @id AND recorded_to IS NULL AND recorded_from < @from`,
  ),
  saveVersion: db.prepare(
    `INSERT INTO chairpersonship_versions
       (chairpersonship_id, recorded_from, recorded_to, revision, position, state)
     VALUES (@id, @from, NULL, @revision, @position, @state)
     ON CONFLICT (chairpersonship_id, recorded_from) DO UPDATE SET recorded_to = NULL,
       revision = excluded.revision, position = excluded.position, state = excluded.state`,
  ),
  addHistory: db.prepare(
    `INSERT INTO chairpersonship_history
       (position, chairpersonship_id, revision, event_id, type, summary, effective_on,
        recorded_at, recorded_from, actor, data)
     VALUES (@position, @id, @revision, @eventId, @type, @summary, @effectiveOn, @recordedAt,
       @recordedFrom, @actor, @data)`,
  ),
}));

function summaryOf(fact: ChairpersonshipFact): string {
  if (fact.type === CHAIRPERSONSHIP_ASSUMED) {
    const { state, from, to } = fact.data;
    return `Chairpersonship assumed: ${state}, ${from} – ${to}`;
  }
  const { name, role } = fact.data;
  return `Chairperson-in-Office appointed: ${name}${role ? ` (${role})` : ''}`;
}

/** Each Chairpersonship now, every recorded version of it, and one history row per event. */
export class ChairpersonshipsProjection implements Projection {
  readonly name = 'chairpersonships';

  setup(db: Database.Database): void {
    resetIfOutdated(db, this.name, CHAIRPERSONSHIPS_SCHEMA, CHAIRPERSONSHIPS_TABLES);
    db.exec(CHAIRPERSONSHIPS_SCHEMA);
  }

  apply(db: Database.Database, event: RecordedEvent): void {
    if (!event.stream.startsWith(CHAIRPERSONSHIP_STREAM_PREFIX)) return;
    const fact = chairpersonshipFactOf(event);
    if (!fact) return;
    const id = event.stream.slice(CHAIRPERSONSHIP_STREAM_PREFIX.length);
    const s = statements(db);
    const stored = s.load.get(id);
    const before = stored ? (JSON.parse(stored.state) as Chairpersonship) : undefined;
    const after = evolveChairpersonship(before, fact);
    if (!after) return;
    const from = Math.max(recordedMsOf(event), s.lastRecorded.get(id)?.recorded_from ?? 0);
    const row = { id, revision: event.revision, position: event.position };
    const state = JSON.stringify(after);
    s.save.run({
      ...row,
      stateId: after.state,
      fromDay: firstDay(after.from),
      toDay: lastDay(after.to),
      state,
    });
    s.endVersion.run({ id, from });
    s.saveVersion.run({ ...row, from, state });
    s.addHistory.run({
      ...row,
      eventId: event.id,
      type: event.type,
      summary: summaryOf(fact),
      effectiveOn: fact.data.from,
      recordedAt: recordedAtOf(event),
      recordedFrom: from,
      actor: actorOf(event),
      data: dataJsonOf(event),
    });
  }
}
