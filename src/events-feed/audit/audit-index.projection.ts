import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../event-store/event-store.port';
import type { Projection } from '../../projections/projection';
import { statementCache } from '../../projections/statement-cache';
import { feedEventOf } from '../feed-event';
import { AUDIT_INDEX_READER_INDEXES, AUDIT_INDEX_SCHEMA } from './audit-index.schema';
import { citedDecisionOf, decisionKeyOf } from './cited-decision';

const statements = statementCache((db) => ({
  add: db.prepare(
    `INSERT INTO audit_events (position, stream, revision, id, type, actor, decision, decision_id,
       recorded_at, correlation_id, event)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
}));

/** Epoch ms of the registry's own `recordedAt`, else of the store's timestamp. */
function recordedMsOf(event: RecordedEvent): number {
  const own = event.metadata.recordedAt === undefined ? NaN : Date.parse(event.metadata.recordedAt);
  return Number.isNaN(own) ? event.recordedAt.getTime() : own;
}

/** Every event of the log, whatever its stream, as one row of the audit index. */
export class AuditIndexProjection implements Projection {
  readonly name = 'audit-index';
  readonly readerIndexes = AUDIT_INDEX_READER_INDEXES;

  setup(db: Database.Database): void {
    db.exec(AUDIT_INDEX_SCHEMA);
  }

  apply(db: Database.Database, event: RecordedEvent): void {
    const decision = citedDecisionOf(event);
    statements(db).add.run(
      event.position,
      event.stream,
      event.revision,
      event.id,
      event.type,
      event.metadata.actor ?? null,
      decision,
      decision === null ? null : decisionKeyOf(decision),
      recordedMsOf(event),
      event.metadata.correlationId ?? null,
      JSON.stringify(feedEventOf(event)),
    );
  }
}
