import type Database from 'better-sqlite3';
import type { EventStore } from '../../event-store/event-store.port';
import { type ReadModelSource, readModelSource } from '../../projections/read-model-source';
import { statementCache } from '../../projections/statement-cache';
import { type FeedEvent, feedEventOf } from '../feed-event';
import { type AuditFilter, auditSelect } from './audit-filter';

/** Rows read per statement while exporting: no cursor stays open while the client reads. */
export const EXPORT_PAGE = 500;

const statements = statementCache((db: Database.Database) => ({
  pages: new Map<string, Database.Statement<[Record<string, unknown>], bigint>>(),
  head: db
    .prepare<[], { position: bigint | null }>('SELECT MAX(position) AS position FROM audit_events')
    .safeIntegers(true),
  reason: db.prepare<[number], { reason: string | null }>(
    'SELECT reason FROM audit_events WHERE position = ?',
  ),
}));

/**
 * Answers filtered reads of the event log: the positions that pass the filter from the
 * `audit-index` read model, the events at those positions from the event store (as the registry
 * reads them: upcast).
 */
export class AuditReader {
  private readonly source: ReadModelSource;

  constructor(
    source: ReadModelSource | Database.Database,
    private readonly store: EventStore,
  ) {
    this.source = readModelSource(source);
  }

  /** Up to `limit` events after `after` (and up to `upTo`) that pass the filter, in log order. */
  async page(
    filter: AuditFilter,
    page: { after?: bigint; upTo?: bigint; limit: number },
  ): Promise<FeedEvent[]> {
    return this.eventsAt(this.positions(filter, page));
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
      const positions = this.positions(filter, { after: from, upTo, limit });
      for (const event of await this.eventsAt(positions)) yield event;
      if (positions.length < limit) return;
      remaining -= positions.length;
      from = positions[positions.length - 1];
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

  /** The positions of one page, in log order: an index range scan (see `auditSelect`). */
  private positions(
    filter: AuditFilter,
    page: { after?: bigint; upTo?: bigint; limit: number },
  ): bigint[] {
    const q = statements(this.source.db);
    const select = auditSelect(filter, page);
    let statement = q.pages.get(select.key);
    if (!statement) {
      statement = this.source.db.prepare<[Record<string, unknown>], bigint>(select.sql);
      statement.safeIntegers(true).pluck();
      q.pages.set(select.key, statement);
    }
    return statement.all(select.params);
  }

  private async eventsAt(positions: readonly bigint[]): Promise<FeedEvent[]> {
    if (positions.length === 0) return [];
    return (await this.store.readAt(positions)).map(feedEventOf);
  }
}
