/**
 * The one port through which the registry records and reads events.
 * Adapters: `sqlite/` (embedded default) and `kurrentdb/` (KurrentDB / EventStoreDB).
 * Revisions and positions are exact bigints; positions grow with every append but are only
 * contiguous on SQLite, so consumers checkpoint on "the last position seen" and read `after` it.
 */

/** Flat string-to-string map: the only metadata shape KurrentDB's multi-stream append accepts. */
export type EventMetadata = Readonly<Record<string, string>>;

/** What a stream must look like for an append to go ahead. */
export type ExpectedState = 'no_stream' | 'any' | 'stream_exists' | bigint;

export interface EventToAppend {
  /** UUID; deterministic where a retry must not duplicate. */
  readonly id: string;
  readonly type: string;
  /** Any JSON value. */
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent {
  readonly id: string;
  readonly stream: string;
  /** 0-based revision of the event in its stream. */
  readonly revision: bigint;
  /** Position in the global log (the `$all` commit position on KurrentDB). */
  readonly position: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  /** When the store recorded it (whole seconds on KurrentDB reads; use metadata for more). */
  readonly recordedAt: Date;
  /**
   * `data` as the store holds it: the JSON text it was parsed from, when the adapter read one
   * (the SQLite store's reads of the log). Absent otherwise, and on an event whose data was
   * changed after reading (an upcast). Read it through `dataJsonOf`.
   */
  readonly dataJson?: string;
}

/**
 * An event's data as JSON text: the stored text where the store gave it (what the SQLite store
 * wrote is `JSON.stringify` of the data, so the same bytes), else the data serialized. Projections
 * that keep an event's data use it: at 1M events, serializing the data again was ~4% of a rebuild.
 */
export function dataJsonOf(event: RecordedEvent): string {
  return event.dataJson ?? JSON.stringify(event.data);
}

export interface AppendResult {
  /** Revision of the last event now in the stream (what to expect next time). */
  readonly nextExpectedRevision: bigint;
  /** Global position of the last event appended (or already there, on an idempotent retry). */
  readonly position: bigint;
}

export interface StreamAppend {
  readonly stream: string;
  readonly expected: ExpectedState;
  readonly events: readonly EventToAppend[];
}

export interface MultiAppendResult {
  /** Highest global position written by the whole append. */
  readonly position: bigint;
  /** One result per request, in request order. */
  readonly streams: readonly AppendResult[];
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  readonly direction?: Direction;
  /** Inclusive; default the start (forwards) or the end (backwards). */
  readonly fromRevision?: bigint;
  readonly maxCount?: number;
}

export interface AllFilter {
  /** Keep events whose type is one of these. */
  readonly eventTypes?: readonly string[];
  /** Keep events whose stream name starts with one of these. */
  readonly streamPrefixes?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: read events after this position; omit to read from the start. */
  readonly after?: bigint;
  readonly maxCount?: number;
  readonly filter?: AllFilter;
}

export interface SubscribeOptions {
  /** Exclusive: deliver events after this position; omit to start at the beginning. */
  readonly after?: bigint;
  readonly filter?: AllFilter;
}

/** Delivered once, when the subscription has read everything that existed when it started. */
export interface CaughtUp {
  readonly kind: 'caught-up';
  readonly position: bigint | undefined;
}

export interface EventDelivery {
  readonly kind: 'event';
  readonly event: RecordedEvent;
}

export type SubscriptionMessage = EventDelivery | CaughtUp;

export interface Subscription extends AsyncIterable<SubscriptionMessage> {
  /** Stops delivery and releases what the subscription holds; pending iteration ends. */
  close(): Promise<void>;
}

export interface EventStore {
  /** Human name of the adapter, for logs and test output. */
  readonly name: string;
  append(
    stream: string,
    events: readonly EventToAppend[],
    expected: ExpectedState,
  ): Promise<AppendResult>;
  /** All requests or none; a stream may appear only once. */
  appendMulti(requests: readonly StreamAppend[]): Promise<MultiAppendResult>;
  /** A missing stream reads as empty. */
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /**
   * The events at these positions of the global log, in the order asked; a position where no
   * event is (or only a system event) is left out. What an index of positions reads its events by.
   */
  readAt(positions: readonly bigint[]): Promise<RecordedEvent[]>;
  subscribe(options?: SubscribeOptions): Subscription;
  /** Position of the last event in the log, or undefined when it is empty. */
  headPosition(): Promise<bigint | undefined>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');
