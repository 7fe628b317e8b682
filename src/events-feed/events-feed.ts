import type { EventStore } from '../event-store/event-store.port';
import { type AuditFilter, isEmptyFilter } from './audit/audit-filter';
import type { AuditReader } from './audit/audit-reader';
import { type FeedEvent, type FeedPage, feedEventOf } from './feed-event';

/**
 * The audit feed. Unfiltered, it reads the event store itself (nothing lags behind the log);
 * filtered, it finds the positions that pass in the audit index, where every filter is an indexed
 * column (an index range scan), and reads the events at them from the store, one lookup each (a
 * read that must see a write passes minPosition).
 */
export class EventsFeed {
  constructor(
    private readonly upcast: EventStore,
    private readonly audit: AuditReader,
    private readonly raw: EventStore = upcast,
  ) {}

  async page(
    filter: AuditFilter,
    after: bigint | undefined,
    limit: number,
    stored = false,
  ): Promise<FeedPage> {
    const items: FeedEvent[] = [];
    if (isEmptyFilter(filter)) {
      for await (const event of this.storeOf(stored).readAll({ after, maxCount: limit })) {
        items.push(feedEventOf(event));
      }
    } else {
      items.push(...(await this.audit.page(filter, { after, limit })));
    }
    const last = items[items.length - 1];
    return { items, next: last ? last.position : after === undefined ? null : Number(after) };
  }

  /**
   * Every event that passes the filter after `after` (at most `limit`), as an async iterable read
   * page by page, up to where the log (or the index) stood when iteration began.
   */
  events(
    filter: AuditFilter,
    after: bigint | undefined,
    limit?: number,
    stored = false,
  ): AsyncIterable<FeedEvent> {
    return isEmptyFilter(filter)
      ? this.storeEvents(this.storeOf(stored), after, limit)
      : this.audit.events(filter, after, limit);
  }

  /** Events as the registry reads them (upcast), or exactly as stored, for verification. */
  private storeOf(stored: boolean): EventStore {
    return stored ? this.raw : this.upcast;
  }

  private async *storeEvents(
    store: EventStore,
    after: bigint | undefined,
    limit: number | undefined,
  ): AsyncGenerator<FeedEvent> {
    const head = await store.headPosition();
    if (head === undefined) return;
    for await (const event of store.readAll({ after, maxCount: limit })) {
      if (event.position > head) return;
      yield feedEventOf(event);
    }
  }
}
