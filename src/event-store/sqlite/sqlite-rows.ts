import type { RecordedEvent } from '../event-store.port';

export interface EventRow {
  position: bigint;
  id: string;
  stream: string;
  revision: bigint;
  type: string;
  data: string;
  metadata: string;
  recorded_at: bigint;
}

export const EVENT_COLUMNS = 'position, id, stream, revision, type, data, metadata, recorded_at';

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    stream: row.stream,
    revision: row.revision,
    position: row.position,
    type: row.type,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as Record<string, string>,
    recordedAt: new Date(Number(row.recorded_at)),
  };
}
