import {
  jsonEvent,
  type AllStreamResolvedEvent,
  type EventData,
  type JSONType,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import type { EventToAppend, RecordedEvent } from '../event-store.port';
import { toEventMetadata } from './event-metadata';

/** Streams and event types starting with `$` belong to the server and never reach the registry. */
export function isSystemEvent(event: { readonly stream: string; readonly type: string }): boolean {
  return event.stream.startsWith('$') || event.type.startsWith('$');
}

/**
 * A client read or subscription result as the port's RecordedEvent; undefined when it carries no
 * event (an unresolved link). `position` is the `$all` commit position; `recordedAt` is the
 * server's `created`, whole seconds on reads and milliseconds on subscriptions.
 */
export function toRecordedEvent(
  resolved: ResolvedEvent | AllStreamResolvedEvent,
): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event) return undefined;
  return {
    id: event.id,
    stream: event.streamId,
    revision: event.revision,
    position: event.position?.commit ?? resolved.commitPosition ?? -1n,
    type: event.type,
    data: event.data,
    metadata: toEventMetadata(event.metadata),
    recordedAt: event.created,
  };
}

/** A port event as a client JSON event; data may be any JSON value, metadata a flat string map. */
export function toEventData(event: EventToAppend): EventData {
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: event.data as JSONType,
    metadata: { ...event.metadata },
  });
}
