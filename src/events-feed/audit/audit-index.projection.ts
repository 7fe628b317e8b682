import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../event-store/event-store.port';
import { resetIfOutdated } from '../../projections/outdated-schema';
import type { Projection } from '../../projections/projection';
import { statementCache } from '../../projections/statement-cache';
import {
  AUDIT_INDEX_READER_INDEXES,
  AUDIT_INDEX_SCHEMA,
  AUDIT_INDEX_TABLES,
} from './audit-index.schema';
import { citedDecisionOf, decisionKeyOf } from './cited-decision';

const statements = statementCache((db) => ({
  add: db.prepare(
    `INSERT INTO audit_events (position, stream, type, actor, decision_id, recorded_at,
       correlation_id, reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
}));

/** Epoch ms of the registry's own `recordedAt`, else of the store's timestamp. */
function recordedMsOf(event: RecordedEvent): number {
  const own = event.metadata.recordedAt === undefined ? NaN : Date.parse(event.metadata.recordedAt);
  return Number.isNaN(own) ? event.recordedAt.getTime() : own;
}

/** Decision keys of the references seen lately (a decision is cited by ~2-3 events, close by). */
const RECENT_KEYS = 4096;

/** The audit index projection's name: its checkpoint key, and how readers find its file. */
export const AUDIT_INDEX_PROJECTION = 'audit-index';

/**
 * Every event of the log, whatever its stream, as one row of the audit index: the columns the
 * feed filters on, not the event (the feed reads it from the store by position).
 */
export class AuditIndexProjection implements Projection {
  readonly name = AUDIT_INDEX_PROJECTION;
  readonly part = 'audit' as const;
  readonly readerIndexes = AUDIT_INDEX_READER_INDEXES;
  /** `decisionKeyOf` (a Unicode normalisation and two regular expressions) of recent references. */
  private keys = new Map<string, string>();

  setup(db: Database.Database): void {
    resetIfOutdated(db, this.name, AUDIT_INDEX_SCHEMA, AUDIT_INDEX_TABLES);
    db.exec(AUDIT_INDEX_SCHEMA);
  }

  apply(db: Database.Database, event: RecordedEvent): void {
    const decision = citedDecisionOf(event);
    const { actor, correlationId, reason } = event.metadata;
    statements(db).add.run(
      event.position,
      event.stream,
      event.type,
      actor ?? null,
      decision === null ? null : this.keyOf(decision),
      recordedMsOf(event),
      correlationId ?? null,
      reason ?? null,
    );
  }

  private keyOf(reference: string): string {
    let key = this.keys.get(reference);
    if (key === undefined) {
      if (this.keys.size >= RECENT_KEYS) this.keys = new Map();
      key = decisionKeyOf(reference);
      this.keys.set(reference, key);
    }
    return key;
  }
}
