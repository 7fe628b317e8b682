import type { EventStore, RecordedEvent } from '../../event-store/event-store.port';

export interface LoadedStream {
  readonly events: RecordedEvent[];
  /** Last revision, or undefined when the stream does not exist. */
  readonly revision: bigint | undefined;
}

/** Reads one stream whole (streams are one operation's life: tens of events). */
export async function loadStream(store: EventStore, stream: string): Promise<LoadedStream> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(stream)) events.push(event);
  return { events, revision: events.length > 0 ? events[events.length - 1].revision : undefined };
}

export async function streamExists(store: EventStore, stream: string): Promise<boolean> {
  for await (const _ of store.readStream(stream, { maxCount: 1 })) return true;
  return false;
}
