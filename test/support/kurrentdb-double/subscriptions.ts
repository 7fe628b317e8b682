/**
 * Subscription mode of `Streams.Read`: confirmation, catch-up events, then
 * `caught_up`, then live events as they are appended, until the client
 * cancels or the double stops. Filtered $all subscriptions also get
 * checkpoints, as from the real server.
 */
import { randomUUID } from 'node:crypto';
import type * as grpc from '@grpc/grpc-js';
import type { EventLog, StoredEvent } from './event-log';
import type { streamsV1 } from './generated-protocol';
import type { ReadRequest, ReadSource } from './read-request';
import {
  caughtUpResponse,
  checkpointResponse,
  confirmationResponse,
  eventResponse,
} from './read-responses';

type SubscriptionCall = grpc.ServerWritableStream<streamsV1.ReadReq, streamsV1.ReadResp>;

export class SubscriptionRegistry {
  private readonly active = new Map<SubscriptionCall, () => void>();

  count(): number {
    return this.active.size;
  }

  /** Forgets every live subscription (their calls are being force-closed). */
  releaseAll(): void {
    for (const release of [...this.active.values()]) release();
  }

  start(log: EventLog, call: SubscriptionCall, request: ReadRequest): void {
    const { source, filter } = request;
    const encoding = { withCommitPosition: true, structuredUuids: request.structuredUuids };
    let looked = 0;

    const deliver = (event: StoredEvent): void => {
      if (!inScope(source, event)) return;
      if (filter === undefined) {
        call.write(eventResponse(event, encoding));
        return;
      }
      if (filter.matches(event)) call.write(eventResponse(event, encoding));
      looked += 1;
      if (looked % filter.checkpointInterval === 0) call.write(checkpointResponse(event.position));
    };

    call.write(confirmationResponse(randomUUID()));
    for (const event of catchUpEvents(log, source)) deliver(event);
    const lastPosition = log.lastPosition();
    if (filter !== undefined && lastPosition !== undefined)
      call.write(checkpointResponse(lastPosition));
    call.write(
      caughtUpResponse(
        source.kind === 'stream'
          ? { revision: log.lastRevision(source.streamName) }
          : { position: lastPosition },
      ),
    );

    // Catch-up and registration happen in one synchronous turn: no append can slip between them.
    const stopListening = log.onAppended(deliver);
    const release = (): void => {
      stopListening();
      this.active.delete(call);
    };
    this.active.set(call, release);
    call.on('cancelled', release);
    call.on('close', release);
    call.on('error', release);
  }
}

function inScope(source: ReadSource, event: StoredEvent): boolean {
  return source.kind === 'all' || event.streamName === source.streamName;
}

/** Subscriptions start *after* the given revision or position. */
function catchUpEvents(log: EventLog, source: ReadSource): readonly StoredEvent[] {
  const { from } = source;
  if (from === 'end') return [];
  if (source.kind === 'stream') {
    const events = log.stream(source.streamName) ?? [];
    return from === 'start' ? events : events.filter((event) => event.revision > from);
  }
  return from === 'start' ? log.all() : log.all().filter((event) => event.position > from);
}
