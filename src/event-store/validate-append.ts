import { InvalidAppendError } from './errors';
import type { EventToAppend, StreamAppend } from './event-store.port';

/** KurrentDB's multi-stream append adds `$schema.name`/`$schema.format`; adapters drop them on read. */
export const RESERVED_METADATA_PREFIX = '$schema.';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks what every adapter must refuse before touching storage, so that all append paths
 * accept exactly the same envelopes: UUID ids, a type, and flat string metadata.
 */
export function validateEvents(stream: string, events: readonly EventToAppend[]): void {
  if (stream.length === 0) throw new InvalidAppendError('Stream name must not be empty');
  for (const event of events) {
    if (!UUID.test(event.id)) {
      throw new InvalidAppendError(`Event id "${event.id}" on stream "${stream}" is not a UUID`);
    }
    if (typeof event.type !== 'string' || event.type.length === 0) {
      throw new InvalidAppendError(`Event ${event.id} on stream "${stream}" has no type`);
    }
    if (event.data === undefined) {
      throw new InvalidAppendError(`Event ${event.id} on stream "${stream}" has no data`);
    }
    validateMetadata(event);
  }
}

function validateMetadata(event: EventToAppend): void {
  const metadata: unknown = event.metadata;
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    throw new InvalidAppendError(`Event ${event.id}: metadata must be an object`);
  }
  for (const [key, value] of Object.entries(metadata)) {
    if (key.startsWith(RESERVED_METADATA_PREFIX)) {
      throw new InvalidAppendError(
        `Event ${event.id}: metadata key "${key}" is reserved (KurrentDB writes ${RESERVED_METADATA_PREFIX}* itself)`,
      );
    }
    if (typeof value !== 'string') {
      throw new InvalidAppendError(
        `Event ${event.id}: metadata "${key}" must be a string (metadata is a flat string map)`,
      );
    }
  }
}

export function validateMultiAppend(requests: readonly StreamAppend[]): void {
  const seen = new Set<string>();
  for (const request of requests) {
    if (seen.has(request.stream)) {
      throw new InvalidAppendError(
        `Stream "${request.stream}" appears twice in one multi-stream append`,
      );
    }
    seen.add(request.stream);
    validateEvents(request.stream, request.events);
  }
}
