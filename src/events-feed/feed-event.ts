import type { EventMetadata, RecordedEvent } from '../event-store/event-store.port';

/** A stored event as the audit feed shows it: positions and revisions as JSON numbers. */
export interface FeedEvent {
  position: number;
  stream: string;
  revision: number;
  id: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  recordedAt: string;
}

export interface FeedPage {
  items: FeedEvent[];
  /** Where the next page starts: the last item's position, else the `after` asked (null if none). */
  next: number | null;
}

export function feedEventOf(event: RecordedEvent): FeedEvent {
  return {
    position: Number(event.position),
    stream: event.stream,
    revision: Number(event.revision),
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.metadata.recordedAt ?? event.recordedAt.toISOString(),
  };
}
