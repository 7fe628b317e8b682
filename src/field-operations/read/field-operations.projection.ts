import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../event-store/event-store.port';
import type { Projection } from '../../projections/projection';
import { actorOf, recordedAtOf } from '../../projections/recorded-metadata';
import { statementCache } from '../../projections/statement-cache';
import { FIELD_OPERATION_STREAM_PREFIX, type FieldOperationFact, factOf } from '../domain/events';
import { currentName, evolve, type FieldOperation } from '../domain/state';
import { FIELD_OPERATIONS_SCHEMA } from './field-operations.schema';
import { historyEntryOf } from './history-entry';

const statements = statementCache((db) => ({
  load: db.prepare<[string], { state: string }>('SELECT state FROM field_operations WHERE id = ?'),
  save: db.prepare(
    `INSERT INTO field_operations (id, name, kind, established_on, closed_on, revision, position, state)
     VALUES (@id, @name, @kind, @establishedOn, @closedOn, @revision, @position, @state)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
       established_on = excluded.established_on, closed_on = excluded.closed_on,
       revision = excluded.revision, position = excluded.position, state = excluded.state`,
  ),
  clearHosts: db.prepare('DELETE FROM field_operation_host_states WHERE operation_id = ?'),
  addHost: db.prepare(
    'INSERT OR IGNORE INTO field_operation_host_states (operation_id, state_id) VALUES (?, ?)',
  ),
  link: db.prepare(
    `INSERT OR IGNORE INTO field_operation_successions (predecessor, successor, position)
     VALUES (?, ?, ?)`,
  ),
  addHistory: db.prepare(
    `INSERT INTO field_operation_history
       (position, operation_id, revision, type, summary, effective_on, recorded_at, actor, decision, data)
     VALUES (@position, @operationId, @revision, @type, @summary, @effectiveOn, @recordedAt, @actor,
       @decision, @data)`,
  ),
}));

/**
 * One row per field operation (its folded state), its host States, the succession links named by
 * either side, and one history row per event.
 */
export class FieldOperationsProjection implements Projection {
  readonly name = 'field-operations';

  setup(db: Database.Database): void {
    db.exec(FIELD_OPERATIONS_SCHEMA);
  }

  apply(db: Database.Database, event: RecordedEvent): void {
    if (!event.stream.startsWith(FIELD_OPERATION_STREAM_PREFIX)) return;
    const fact = factOf(event.type, event.data);
    if (!fact) return;
    const id = event.stream.slice(FIELD_OPERATION_STREAM_PREFIX.length);
    const s = statements(db);
    const stored = s.load.get(id);
    const before = stored ? (JSON.parse(stored.state) as FieldOperation) : undefined;
    const after = evolve(before, fact);
    if (!after) return;
    this.saveOperation(db, id, after, event);
    this.saveLinks(db, id, fact, event.position);
    const entry = historyEntryOf(event.type, fact, before);
    s.addHistory.run({
      position: event.position,
      operationId: id,
      revision: event.revision,
      type: event.type,
      ...entry,
      recordedAt: recordedAtOf(event),
      actor: actorOf(event),
      data: JSON.stringify(event.data),
    });
  }

  private saveOperation(
    db: Database.Database,
    id: string,
    operation: FieldOperation,
    event: RecordedEvent,
  ): void {
    const s = statements(db);
    const { name, kind } = currentName(operation);
    s.save.run({
      id,
      name,
      kind,
      establishedOn: operation.establishedOn,
      closedOn: operation.closure?.closedOn ?? null,
      revision: event.revision,
      position: event.position,
      state: JSON.stringify(operation),
    });
    s.clearHosts.run(id);
    for (const state of operation.hostStates) s.addHost.run(id, state);
  }

  /** Both sides of a succession: an establishment's predecessors and a closure's successors. */
  private saveLinks(
    db: Database.Database,
    id: string,
    fact: FieldOperationFact,
    position: bigint,
  ): void {
    const { link } = statements(db);
    if (fact.fact === 'established') {
      for (const predecessor of fact.data.predecessors) link.run(predecessor, id, position);
    } else if (fact.fact === 'closed') {
      for (const successor of fact.data.successors) link.run(id, successor, position);
    }
  }
}
