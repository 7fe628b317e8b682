import type { RecordedEvent } from '../event-store.port';

/**
 * A stored event as better-sqlite3 returns it from a `.raw()` statement with safe integers: an
 * array in `EVENT_COLUMNS` order, cheaper to produce than an object per row. Integers are bigints.
 */
export type EventRow = [
  position: bigint,
  id: string,
  stream: string,
  revision: bigint,
  type: string,
  data: string,
  metadata: string,
  recordedAt: bigint,
];

export const EVENT_COLUMNS = 'position, id, stream, revision, type, data, metadata, recorded_at';

export const POSITION = 0;
export const REVISION = 3;

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row[1],
    stream: row[2],
    revision: row[3],
    position: row[0],
    type: row[4],
    data: JSON.parse(row[5]) as unknown,
    metadata: JSON.parse(row[6]) as Record<string, string>,
    recordedAt: new Date(Number(row[7])),
  };
}
