import { randomUUID } from 'node:crypto';

/**
 * The double's in-memory storage: one global log ($all) and an index of
 * streams, with KurrentDB's optimistic-concurrency and idempotency rules.
 * It knows nothing about gRPC; the handlers translate to and from the wire.
 */

/** What the writer expects the stream to look like before the append. */
export type ExpectedState =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: bigint };

export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

export interface StoredEvent extends ProposedEvent {
  readonly streamName: string;
  readonly revision: bigint;
  /** Log position; commit position and prepare position are both this value. */
  readonly position: bigint;
  /** .NET ticks (100 ns) since the Unix epoch, as the server's `created` metadata carries it. */
  readonly createdTicks: bigint;
}

export interface StreamAppend {
  readonly streamName: string;
  readonly expected: ExpectedState;
  readonly events: readonly ProposedEvent[];
}

/** The stream's state after a successful (or idempotently repeated) append. */
export interface AppendedStream {
  readonly streamName: string;
  /** Last revision of the stream, undefined if the stream still does not exist (empty append). */
  readonly lastRevision: bigint | undefined;
  /** Events this append wrote (empty for an idempotent repeat). */
  readonly written: readonly StoredEvent[];
  /** Events that carry the outcome: the new ones, or the ones an idempotent repeat matched. */
  readonly events: readonly StoredEvent[];
}

export interface ExpectationFailure {
  readonly streamName: string;
  readonly expected: ExpectedState;
  /** Current last revision, undefined when the stream does not exist. */
  readonly currentRevision: bigint | undefined;
}

export type AppendOutcome =
  | { readonly kind: 'appended'; readonly streams: readonly AppendedStream[] }
  | { readonly kind: 'wrong-expected-version'; readonly failure: ExpectationFailure };

export type AppendListener = (event: StoredEvent) => void;

type Decision =
  | { readonly kind: 'write' }
  | { readonly kind: 'idempotent'; readonly matched: readonly StoredEvent[] }
  | { readonly kind: 'fail' };

/** Fixed per-record overhead used to make positions look like byte offsets. */
const RECORD_HEADER_BYTES = 88n;
const TICKS_PER_MILLISECOND = 10_000n;
const utf8 = new TextEncoder();

export function systemStreamName(name: string): boolean {
  return name.startsWith('$');
}

export class EventLog {
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly listeners = new Set<AppendListener>();
  private nextPosition = 0n;
  private lastTicks = 0n;

  /** Appends to one or more streams, all or nothing. */
  append(appends: readonly StreamAppend[]): AppendOutcome {
    const decisions = appends.map((append) => this.decide(append));
    const failed = decisions.findIndex((decision) => decision.kind === 'fail');
    if (failed >= 0) {
      const { streamName, expected } = appends[failed];
      return {
        kind: 'wrong-expected-version',
        failure: { streamName, expected, currentRevision: this.lastRevision(streamName) },
      };
    }

    const results = appends.map((append, index): AppendedStream => {
      const decision = decisions[index];
      if (decision.kind === 'idempotent') {
        return {
          streamName: append.streamName,
          lastRevision: this.lastRevision(append.streamName),
          written: [],
          events: decision.matched,
        };
      }
      const written = append.events.map((event) => this.write(append.streamName, event));
      return {
        streamName: append.streamName,
        lastRevision: this.lastRevision(append.streamName),
        written,
        events: written,
      };
    });

    for (const result of results) {
      for (const event of result.written) this.notify(event);
    }
    return { kind: 'appended', streams: results };
  }

  /** Writes a server-owned event (e.g. at start-up), bypassing expectations. */
  appendSystemEvent(streamName: string, type: string, data: object): StoredEvent {
    const event = this.write(streamName, {
      id: randomUUID(),
      type,
      contentType: 'application/json',
      data: utf8.encode(JSON.stringify(data)),
      customMetadata: new Uint8Array(),
    });
    this.notify(event);
    return event;
  }

  /** The stream's events in revision order, or undefined if it does not exist. */
  stream(streamName: string): readonly StoredEvent[] | undefined {
    return this.streams.get(streamName);
  }

  /** Every event in log ($all) order. */
  all(): readonly StoredEvent[] {
    return this.log;
  }

  lastRevision(streamName: string): bigint | undefined {
    const events = this.streams.get(streamName);
    return events === undefined ? undefined : events[events.length - 1].revision;
  }

  lastPosition(): bigint | undefined {
    return this.log.length === 0 ? undefined : this.log[this.log.length - 1].position;
  }

  userEventCount(): number {
    return this.log.filter((event) => !systemStreamName(event.streamName)).length;
  }

  /** Calls the listener for every event written from now on; returns the unsubscribe. */
  onAppended(listener: AppendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private decide({ streamName, expected, events }: StreamAppend): Decision {
    const current = this.lastRevision(streamName);
    switch (expected.kind) {
      case 'any':
        return { kind: 'write' };
      case 'stream_exists':
        return current === undefined ? { kind: 'fail' } : { kind: 'write' };
      case 'no_stream':
        return current === undefined
          ? { kind: 'write' }
          : this.idempotentRepeat(streamName, 0n, events);
      case 'revision':
        if (current === expected.revision) return { kind: 'write' };
        return this.idempotentRepeat(streamName, expected.revision + 1n, events);
    }
  }

  /**
   * The server treats an append with an exact expectation as already done when
   * the stream holds the same event ids at exactly the revisions the append
   * would have produced; it then succeeds without writing anything.
   */
  private idempotentRepeat(
    streamName: string,
    firstRevision: bigint,
    events: readonly ProposedEvent[],
  ): Decision {
    const existing = this.streams.get(streamName) ?? [];
    const start = Number(firstRevision);
    if (events.length === 0 || start + events.length > existing.length) return { kind: 'fail' };
    const matched = existing.slice(start, start + events.length);
    const same = matched.every((stored, index) => stored.id === events[index].id);
    return same ? { kind: 'idempotent', matched } : { kind: 'fail' };
  }

  private write(streamName: string, event: ProposedEvent): StoredEvent {
    const events = this.streams.get(streamName) ?? [];
    const stored: StoredEvent = {
      ...event,
      streamName,
      revision: BigInt(events.length),
      position: this.nextPosition,
      createdTicks: this.nowTicks(),
    };
    this.nextPosition += recordSize(stored);
    events.push(stored);
    this.streams.set(streamName, events);
    this.log.push(stored);
    return stored;
  }

  private notify(event: StoredEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  /** Sub-millisecond, strictly increasing ticks, like the server's DateTime.UtcNow. */
  private nowTicks(): bigint {
    const subMillisecond = process.hrtime.bigint() % TICKS_PER_MILLISECOND;
    const ticks = BigInt(Date.now()) * TICKS_PER_MILLISECOND + subMillisecond;
    this.lastTicks = ticks > this.lastTicks ? ticks : this.lastTicks + 1n;
    return this.lastTicks;
  }
}

function recordSize(event: StoredEvent): bigint {
  const variable =
    utf8.encode(event.streamName).length +
    utf8.encode(event.type).length +
    event.data.length +
    event.customMetadata.length;
  return RECORD_HEADER_BYTES + BigInt(variable);
}
