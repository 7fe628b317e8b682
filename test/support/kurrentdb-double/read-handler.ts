/**
 * `Streams.Read` (server streaming). Finite reads (count set) come from the
 * Rust bridge behind `readStream`/`readAll`; subscriptions (no count) from the
 * Node client's `subscribeToStream`/`subscribeToAll`.
 */
import type * as grpc from '@grpc/grpc-js';
import type { EventLog, StoredEvent } from './event-log';
import type { streamsV1 } from './generated-protocol';
import { parseReadRequest, type ReadRequest, type ReadSource } from './read-request';
import { eventResponse, streamNotFoundResponse } from './read-responses';
import type { SubscriptionRegistry } from './subscriptions';

export function createReadHandler(
  log: EventLog,
  subscriptions: SubscriptionRegistry,
): grpc.handleServerStreamingCall<streamsV1.ReadReq, streamsV1.ReadResp> {
  return (call) => {
    const request = parseReadRequest(call.request);
    if (request.count === undefined) {
      subscriptions.start(log, call, request);
      return;
    }
    finiteRead(log, call, request, request.count);
  };
}

function finiteRead(
  log: EventLog,
  call: grpc.ServerWritableStream<streamsV1.ReadReq, streamsV1.ReadResp>,
  request: ReadRequest,
  count: bigint,
): void {
  const { source } = request;
  if (source.kind === 'stream' && log.stream(source.streamName) === undefined) {
    call.write(streamNotFoundResponse(source.streamName));
    call.end();
    return;
  }
  const encoding = {
    withCommitPosition: source.kind === 'all',
    structuredUuids: request.structuredUuids,
  };
  let sent = 0n;
  for (const event of selectEvents(log, source, request.direction)) {
    if (sent >= count) break;
    if (request.filter !== undefined && !request.filter.matches(event)) continue;
    call.write(eventResponse(event, encoding));
    sent += 1n;
  }
  call.end();
}

/**
 * Forwards reads include the start point; backwards reads of $all from a
 * position return what lies before it, backwards stream reads include the
 * start revision (as KurrentDB does).
 */
function selectEvents(
  log: EventLog,
  source: ReadSource,
  direction: 'forwards' | 'backwards',
): StoredEvent[] {
  const { from } = source;
  if (source.kind === 'stream') {
    const events = log.stream(source.streamName) ?? [];
    if (direction === 'forwards') {
      if (from === 'end') return [];
      return events.filter((event) => from === 'start' || event.revision >= from);
    }
    const last = from === 'end' ? undefined : from === 'start' ? 0n : from;
    return events.filter((event) => last === undefined || event.revision <= last).reverse();
  }
  const events = log.all();
  if (direction === 'forwards') {
    if (from === 'end') return [];
    return events.filter((event) => from === 'start' || event.position >= from);
  }
  if (from === 'start') return [];
  return events.filter((event) => from === 'end' || event.position < from).reverse();
}
