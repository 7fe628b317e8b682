import type { KurrentDBClient } from '@kurrent/kurrentdb-client';
import type {
  AppendResult,
  EventToAppend,
  ExpectedState,
  MultiAppendResult,
  StreamAppend,
} from '../event-store.port';
import { validateEvents, validateMultiAppend } from '../validate-append';
import type { KurrentDbReads } from './kurrentdb-reads';
import { mapAppendError } from './map-errors';
import { toClientStreamState } from './map-expected-state';
import { toEventData } from './map-recorded-event';

/** Single-stream appends (`appendToStream`) and atomic ones (`multiStreamAppend`, 25.1+). */
export class KurrentDbAppends {
  constructor(
    private readonly client: KurrentDBClient,
    private readonly endpoint: string,
    private readonly reads: KurrentDbReads,
  ) {}

  async append(
    stream: string,
    events: readonly EventToAppend[],
    expected: ExpectedState,
  ): Promise<AppendResult> {
    validateEvents(stream, events);
    const streamState = toClientStreamState(stream, expected);
    let result;
    try {
      result = await this.client.appendToStream(stream, events.map(toEventData), {
        streamState,
        requiresLeader: true,
      });
    } catch (error) {
      throw mapAppendError(error, [{ stream, expected }], this.endpoint);
    }
    const nextExpectedRevision = result.nextExpectedRevision;
    // An idempotent retry (and an empty append) may come back without a position.
    const position =
      result.position?.commit ?? (await this.reads.positionAt(stream, nextExpectedRevision)) ?? 0n;
    return { nextExpectedRevision, position };
  }

  async appendMulti(requests: readonly StreamAppend[]): Promise<MultiAppendResult> {
    // Before the client: it would otherwise time out on the same stream twice.
    validateMultiAppend(requests);
    if (requests.length === 0) return { position: 0n, streams: [] };
    const clientRequests = requests.map((r) => ({
      streamName: r.stream,
      expectedState: toClientStreamState(r.stream, r.expected),
      events: r.events.map(toEventData),
    }));
    let result;
    try {
      result = await this.client.multiStreamAppend(clientRequests);
    } catch (error) {
      throw mapAppendError(error, requests, this.endpoint);
    }
    // The client keeps one position for the whole append (its last record), none per stream.
    const streams = requests.map((request, i) => {
      const response =
        result.responses.find((r) => r.streamName === request.stream) ?? result.responses[i];
      return { nextExpectedRevision: response.revision, position: result.position };
    });
    return { position: result.position, streams };
  }
}
