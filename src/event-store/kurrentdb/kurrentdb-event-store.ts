import { KurrentDBClient, START, type AllStreamSubscription } from '@kurrent/kurrentdb-client';
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
} from '../event-store.port';
import { describeEndpoint } from './describe-endpoint';
import { KurrentDbAppends } from './kurrentdb-appends';
import { resolveOptions, type KurrentDbEventStoreOptions } from './kurrentdb-options';
import { KurrentDbReads } from './kurrentdb-reads';
import { matchesFilter, toServerFilter } from './map-filter';
import { RenewableReadClient } from './renewable-read-client';
import { ResubscribingSubscription } from './resubscribing-subscription';

/**
 * The EventStore port on KurrentDB / EventStoreDB through `@kurrent/kurrentdb-client`.
 * `appendMulti` needs KurrentDB 25.1+; everything else works with EventStoreDB 20.10+.
 */
export class KurrentDbEventStore implements EventStore {
  readonly name = 'kurrentdb';
  private readonly reads: KurrentDbReads;
  private readonly readClients: RenewableReadClient;
  private readonly appends: KurrentDbAppends;
  private readonly subscriptions = new Set<ResubscribingSubscription>();
  private readonly settings: ReturnType<typeof resolveOptions>;
  private closing: Promise<void> | undefined;

  /** Opens a client on `connectionString` (e.g. `kurrentdb://localhost:2113?tls=false`). */
  static connect(
    connectionString: string,
    options: KurrentDbEventStoreOptions = {},
  ): KurrentDbEventStore {
    const open = (): KurrentDBClient => KurrentDBClient.connectionString(connectionString);
    return new KurrentDbEventStore(open(), describeEndpoint(connectionString), options, open);
  }

  /**
   * Takes ownership of `client`: `close()` disposes it. `endpoint` only names the server in
   * errors. With `openReadClient`, reads that found the server unavailable continue on a fresh
   * client (see RenewableReadClient); without it they stay on `client`.
   */
  constructor(
    private readonly client: KurrentDBClient,
    readonly endpoint: string,
    options: KurrentDbEventStoreOptions = {},
    openReadClient?: () => KurrentDBClient,
  ) {
    this.settings = resolveOptions(options);
    this.readClients = new RenewableReadClient(client, openReadClient);
    this.reads = new KurrentDbReads(this.readClients, endpoint, this.settings.readPageSize);
    this.appends = new KurrentDbAppends(client, endpoint, this.reads);
  }

  /** Subscriptions not yet closed. */
  get activeSubscriptions(): number {
    return this.subscriptions.size;
  }

  append(
    stream: string,
    events: readonly EventToAppend[],
    expected: ExpectedState,
  ): Promise<AppendResult> {
    return this.appends.append(stream, events, expected);
  }

  appendMulti(requests: readonly StreamAppend[]): Promise<MultiAppendResult> {
    return this.appends.appendMulti(requests);
  }

  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    return this.reads.readStream(stream, options);
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return this.reads.readAll(options);
  }

  readAt(positions: readonly bigint[]): Promise<RecordedEvent[]> {
    return this.reads.readAt(positions);
  }

  headPosition(): Promise<bigint | undefined> {
    return this.reads.headPosition();
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    if (this.closing) throw new Error('The KurrentDB event store is closed');
    const filter = toServerFilter(options.filter);
    const open = (after: bigint | undefined): AllStreamSubscription =>
      this.client.subscribeToAll({
        fromPosition: after === undefined ? START : { commit: after, prepare: after },
        ...(filter ? { filter } : {}),
      });
    const subscription = new ResubscribingSubscription(
      open,
      options.after,
      (event) => matchesFilter(options.filter, event),
      {
        initialDelayMs: this.settings.resubscribeInitialDelayMs,
        maxDelayMs: this.settings.resubscribeMaxDelayMs,
        highWaterMark: this.settings.subscriptionHighWaterMark,
      },
      (closed) => this.subscriptions.delete(closed),
    );
    if (subscription.isOpen) this.subscriptions.add(subscription);
    return subscription;
  }

  /** Closes the subscriptions first, then disposes the client. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.subscriptions].map((s) => s.close()));
      await this.readClients.close();
      await this.client.dispose();
    })();
    return this.closing;
  }
}
