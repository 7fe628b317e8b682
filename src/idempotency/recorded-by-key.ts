import type { EventStore } from '../event-store/event-store.port';
import { yieldEvery } from '../shared/application/yield-to-event-loop';

/** Where the events an earlier attempt of a keyed request recorded lie, if it recorded any. */
export interface RecordedByKey {
  readonly positions: readonly bigint[];
}

/**
 * Looks through the log after `after` for events whose metadata carries `digest` (see
 * `idempotencyDigest`): what an attempt whose answer was lost recorded. Only a retry of such an
 * attempt looks, from the head that attempt saw, so the read is of the events since then.
 */
export async function recordedByKey(
  store: EventStore,
  after: bigint | undefined,
  digest: string,
): Promise<RecordedByKey | undefined> {
  const positions: bigint[] = [];
  const breathe = yieldEvery(1000);
  for await (const event of store.readAll({ after })) {
    if (event.metadata.idempotencyKey === digest) positions.push(event.position);
    await breathe();
  }
  return positions.length > 0 ? { positions } : undefined;
}
