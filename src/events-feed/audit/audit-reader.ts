import type Database from 'better-sqlite3';
import { type ReadModelSource, readModelSource } from '../../projections/read-model-source';
import { statementCache } from '../../projections/statement-cache';
import type { FeedEvent } from '../feed-event';
import { type AuditFilter, auditSelect } from './audit-filter';

interface AuditRow {
  position: bigint;
  event: string;
}

/** Rows read per statement while exporting: no cursor stays open while the client reads. */
export const EXPORT_PAGE = 500;

const statements = statementCache((db: Database.Database) => ({
  pages: new Map<string, Database.Statement<[Record<string, unknown>], AuditRow>>(),
  head: db
    .prepare<[], { position: bigint | null }>('SELECT MAX(position) AS position FROM audit_events')
    .safeIntegers(true),
  reason: db.prepare<[number], { reason: string | null }>(
    `SELECT json_extract(event, '$.metadata.reason') AS reason FROM audit_events WHERE position = ?`,
  ),
}));

/** Answers filtered reads of the event log from the `audit-index` read model. */
export class AuditReader {
  private readonly source: ReadModelSource;

  constructor(source: ReadModelSource | Database.Database) {
    this.source = readModelSource(source);
  }

  /** Up to `limit` events after `after` (and up to `upTo`) that pass the filter, in log order. */
  page(filter: AuditFilter, page: { after?: bigint; upTo?: bigint; limit: number }): FeedEvent[] {
    return this.rows(filter, page).map(eventOf);
  }

  /** Position of the last event indexed, or undefined when none is. */
  head(): bigint | undefined {
    return statements(this.source.db).head.get()?.position ?? undefined;
  }

  /**
   * Every event that passes the filter (at most `limit`), page by page, as the index stood when
   * iteration began: events indexed meanwhile are left out, so an export is one consistent cut.
   */
  async *events(filter: AuditFilter, after?: bigint, limit = Infinity): AsyncGenerator<FeedEvent> {
    const upTo = this.head();
    if (upTo === undefined) return;
    let remaining = limit;
    let from = after;
    while (remaining > 0) {
      const limit = Math.min(EXPORT_PAGE, remaining);
      const rows = this.rows(filter, { after: from, upTo, limit });
      for (const row of rows) yield eventOf(row);
      if (rows.length < limit) return;
      remaining -= rows.length;
      from = rows[rows.length - 1].position;
    }
  }

  /** The `reason` recorded with the events at these positions (those that have one). */
  reasonsAt(positions: readonly number[]): Map<number, string> {
    const { reason } = statements(this.source.db);
    const reasons = new Map<number, string>();
    for (const position of positions) {
      const found = reason.get(position)?.reason;
      if (typeof found === 'string') reasons.set(position, found);
    }
    return reasons;
  }

  private rows(filter: AuditFilter, page: { after?: bigint; upTo?: bigint; limit: number }) {
    const q = statements(this.source.db);
    const select = auditSelect(filter, page);
    let statement = q.pages.get(select.key);
    if (!statement) {
      statement = this.source.db.prepare<[Record<string, unknown>], AuditRow>(select.sql);
      statement.safeIntegers(true);
      q.pages.set(select.key, statement);
    }
    return statement.all(select.params);
  }
}

const eventOf = (row: AuditRow): FeedEvent => JSON.parse(row.event) as FeedEvent;
