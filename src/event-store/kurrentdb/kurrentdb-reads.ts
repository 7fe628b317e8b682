import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  type AllStreamResolvedEvent,
  type Filter,
  type Position,
  type ReadPosition,
} from '@kurrent/kurrentdb-client';
import type { ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../event-store.port';
import { isStreamNotFound, isUnavailable, mapReadError } from './map-errors';
import { matchesFilter, toServerFilter } from './map-filter';
import { isSystemEvent, toRecordedEvent } from './map-recorded-event';
import type { RenewableReadClient } from './renewable-read-client';

/** One-event reads `readAt` keeps in flight at once (an export asks for 500 positions a page). */
const READS_AT_ONCE = 32;

/** Stream and `$all` reads through the client's native bridge, with the port's semantics. */
export class KurrentDbReads {
  constructor(
    private readonly clients: RenewableReadClient,
    private readonly endpoint: string,
    private readonly pageSize: number,
  ) {}

  /** Reads for command decisions go to the leader; a missing stream reads as empty. */
  async *readStream(
    stream: string,
    options: ReadStreamOptions = {},
  ): AsyncGenerator<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    if (options.maxCount !== undefined && options.maxCount <= 0) return;
    const client = this.clients.get();
    try {
      const events = client.readStream(stream, {
        direction: backwards ? BACKWARDS : FORWARDS,
        // The bridge does not pick the end for a backwards read by itself.
        fromRevision: options.fromRevision ?? (backwards ? END : START),
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
        requiresLeader: true,
      });
      for await (const resolved of events) {
        const event = toRecordedEvent(resolved);
        if (event) yield event;
      }
    } catch (error) {
      if (isStreamNotFound(error)) return;
      throw this.failed(client, error);
    }
  }

  /** Position of the event at `revision` of `stream`, from the leader. */
  async positionAt(stream: string, revision: bigint): Promise<bigint | undefined> {
    if (revision < 0n) return undefined;
    for await (const event of this.readStream(stream, { fromRevision: revision, maxCount: 1 })) {
      return event.position;
    }
    return undefined;
  }

  /** `$all` forwards in pages, `after` exclusive, filtered exactly here, system events hidden. */
  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0) return;
    const serverFilter = toServerFilter(options.filter);
    let last = options.after;
    let from: ReadPosition = last === undefined ? START : { commit: last, prepare: last };
    for (;;) {
      const page = await this.page(from, FORWARDS, serverFilter);
      for (const resolved of page) {
        const event = toRecordedEvent(resolved);
        if (!event || (last !== undefined && event.position <= last)) continue;
        last = event.position;
        if (!matchesFilter(options.filter, event)) continue;
        yield event;
        if (--remaining <= 0) return;
      }
      const next = lastPosition(page);
      if (page.length < this.pageSize || !next) return;
      from = next;
    }
  }

  /**
   * The events at these `$all` positions, each read forwards from its own position (one event),
   * `READS_AT_ONCE` at a time; a position that holds no event of the registry's is left out.
   */
  async readAt(positions: readonly bigint[]): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for (let i = 0; i < positions.length; i += READS_AT_ONCE) {
      const slice = positions.slice(i, i + READS_AT_ONCE);
      for (const event of await Promise.all(slice.map((position) => this.eventAt(position)))) {
        if (event) events.push(event);
      }
    }
    return events;
  }

  private async eventAt(position: bigint): Promise<RecordedEvent | undefined> {
    const client = this.clients.get();
    try {
      const events = client.readAll({
        fromPosition: { commit: position, prepare: position },
        direction: FORWARDS,
        maxCount: 1,
      });
      for await (const resolved of events) {
        const event = toRecordedEvent(resolved);
        return event && event.position === position && !isSystemEvent(event) ? event : undefined;
      }
      return undefined;
    } catch (error) {
      throw this.failed(client, error);
    }
  }

  /** Position of the last non-system event in `$all`, undefined when there is none. */
  async headPosition(): Promise<bigint | undefined> {
    let from: ReadPosition = END;
    let seen: bigint | undefined;
    for (;;) {
      const page = await this.page(from, BACKWARDS, undefined);
      for (const resolved of page) {
        const event = toRecordedEvent(resolved);
        if (!event || (seen !== undefined && event.position >= seen)) continue;
        seen = event.position;
        if (!isSystemEvent(event)) return event.position;
      }
      const next = lastPosition(page);
      if (page.length < this.pageSize || !next) return undefined;
      from = next;
    }
  }

  private async page(
    from: ReadPosition,
    direction: typeof FORWARDS | typeof BACKWARDS,
    filter: Filter | undefined,
  ): Promise<AllStreamResolvedEvent[]> {
    const page: AllStreamResolvedEvent[] = [];
    const client = this.clients.get();
    try {
      const events = client.readAll({
        fromPosition: from,
        direction,
        maxCount: this.pageSize,
        ...(filter ? { filter } : {}),
      });
      for await (const resolved of events) page.push(resolved);
    } catch (error) {
      throw this.failed(client, error);
    }
    return page;
  }

  private failed(client: ReturnType<RenewableReadClient['get']>, error: unknown): unknown {
    if (isUnavailable(error)) this.clients.setAside(client);
    return mapReadError(error, this.endpoint);
  }
}

function lastPosition(page: readonly AllStreamResolvedEvent[]): Position | undefined {
  return page[page.length - 1]?.event?.position;
}
