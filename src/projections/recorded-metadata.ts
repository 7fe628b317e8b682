import type { RecordedEvent } from '../event-store/event-store.port';

/** When the registry recorded the event: its own millisecond `recordedAt`, else the store's. */
export function recordedAtOf(event: RecordedEvent): string {
  return event.metadata.recordedAt ?? event.recordedAt.toISOString();
}

export function actorOf(event: RecordedEvent): string | null {
  return event.metadata.actor ?? null;
}

/** `recordedAtOf` in epoch milliseconds, what `knownAt` is compared with. */
export function recordedMsOf(event: RecordedEvent): number {
  const ms = Date.parse(recordedAtOf(event));
  return Number.isNaN(ms) ? event.recordedAt.getTime() : ms;
}
