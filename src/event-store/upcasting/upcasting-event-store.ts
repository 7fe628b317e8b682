import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedState,
  MultiAppendResult,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
  Subscription,
  SubscriptionMessage,
} from '../event-store.port';
import { PagedIterable } from '../paged-iterable';
import type { Upcasters } from './upcasters';

/**
 * The event store as the rest of the registry sees it: every event read (streams, the global log,
 * subscriptions) comes back in the current schema, whatever version it was stored at. Appends and
 * the stored bytes are untouched; `raw` is the adapter itself, for what must see events as stored
 * (tamper-evidence hashing).
 */
export class UpcastingEventStore implements EventStore {
  constructor(
    readonly raw: EventStore,
    private readonly upcasters: Upcasters,
  ) {}

  get name(): string {
    return this.raw.name;
  }

  append(
    stream: string,
    events: readonly EventToAppend[],
    expected: ExpectedState,
  ): Promise<AppendResult> {
    return this.raw.append(stream, events, expected);
  }

  appendMulti(requests: readonly StreamAppend[]): Promise<MultiAppendResult> {
    return this.raw.appendMulti(requests);
  }

  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    return this.upcastEach(this.raw.readStream(stream, options));
  }

  /**
   * A type filter is widened to the old types that upcast into the requested ones and applied
   * again after upcasting; `maxCount` still counts delivered events, reading on when some drop.
   */
  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const filter = this.upcasters.widen(options.filter);
    if (filter === options.filter) return this.upcastEach(this.raw.readAll(options));
    return this.readAllWidened(options, filter);
  }

  private async *readAllWidened(
    options: ReadAllOptions,
    filter: ReadAllOptions['filter'],
  ): AsyncIterable<RecordedEvent> {
    let after = options.after;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    for (;;) {
      let read = 0;
      const maxCount = Number.isFinite(remaining) ? remaining : undefined;
      for await (const stored of this.raw.readAll({ after, maxCount, filter })) {
        read++;
        after = stored.position;
        const event = this.upcasters.upcast(stored);
        if (!this.upcasters.keeps(options.filter, event)) continue;
        yield event;
        remaining--;
      }
      if (maxCount === undefined || read < maxCount || remaining <= 0) return;
    }
  }

  /**
   * Every event upcast on its way out. A paged read (the SQLite adapter's) gets the upcast as a
   * per-event step of its own iteration rather than another async generator around it.
   */
  private upcastEach(events: AsyncIterable<RecordedEvent>): AsyncIterable<RecordedEvent> {
    const upcast = (event: RecordedEvent): RecordedEvent => this.upcasters.upcast(event);
    if (events instanceof PagedIterable) {
      return (events as PagedIterable<RecordedEvent>).map(upcast);
    }
    return (async function* () {
      for await (const event of events) yield upcast(event);
    })();
  }

  async readAt(positions: readonly bigint[]): Promise<RecordedEvent[]> {
    return (await this.raw.readAt(positions)).map((event) => this.upcasters.upcast(event));
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    const inner = this.raw.subscribe({ ...options, filter: this.upcasters.widen(options.filter) });
    const upcasters = this.upcasters;
    return {
      close: () => inner.close(),
      async *[Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
        for await (const message of inner) {
          if (message.kind !== 'event') {
            yield message;
            continue;
          }
          const event = upcasters.upcast(message.event);
          if (upcasters.keeps(options.filter, event)) yield { kind: 'event', event };
        }
      },
    };
  }

  headPosition(): Promise<bigint | undefined> {
    return this.raw.headPosition();
  }

  close(): Promise<void> {
    return this.raw.close();
  }
}
