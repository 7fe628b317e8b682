import type { RecordedEvent } from '../event-store.port';
import { LazyMetadataEvent } from '../lazy-metadata-event';

/**
 * A stored event as better-sqlite3 returns it from a `.raw()` statement with safe integers: an
 * array in `EVENT_COLUMNS` order, cheaper to produce than an object per row. Integers are bigints.
 * A stream read leaves out the last column (`StreamRow`): its caller knows the stream, and not
 * making a string of it for every row is ~5% of reading a stream.
 */
export type StreamRow = [
  position: bigint,
  id: string,
  revision: bigint,
  type: string,
  data: string,
  metadata: string,
  recordedAt: bigint,
];
export type EventRow = [...StreamRow, stream: string];

export const STREAM_COLUMNS = 'position, id, revision, type, data, metadata, recorded_at';
export const EVENT_COLUMNS = `${STREAM_COLUMNS}, stream`;

export const POSITION = 0;
export const REVISION = 2;
const STREAM = 7;

/** A row of the global log (it names its stream). */
export function toRecordedEvent(row: EventRow): RecordedEvent {
  return recorded(row, row[STREAM]);
}

/** The conversion of `stream`'s rows. */
export function eventOfStream(stream: string): (row: StreamRow) => RecordedEvent {
  return (row) => recorded(row, stream);
}

/** Metadata is parsed when first read (see LazyMetadataEvent): a fold reads only the last one's. */
function recorded(row: StreamRow | EventRow, stream: string): RecordedEvent {
  return new LazyMetadataEvent(
    row[1],
    stream,
    row[2],
    row[0],
    row[3],
    JSON.parse(row[4]) as unknown,
    row[5],
    new Date(Number(row[6])),
  );
}
