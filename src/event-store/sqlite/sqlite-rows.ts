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

/**
 * A row of the global log (it names its stream), metadata parsed at once: every reader of the log
 * (projections, sealing, replay, the feed) reads it, and a rebuild through a lazy getter plus the
 * upcaster's look at the text cost ~8% more CPU.
 */
export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row[1],
    stream: row[STREAM],
    revision: row[2],
    position: row[0],
    type: row[3],
    data: JSON.parse(row[4]) as unknown,
    metadata: JSON.parse(row[5]) as Record<string, string>,
    recordedAt: new Date(Number(row[6])),
    dataJson: row[4],
  };
}

/**
 * The conversion of `stream`'s rows, metadata parsed when first read (see LazyMetadataEvent): a
 * fold reads only the last event's.
 */
export function eventOfStream(stream: string): (row: StreamRow) => RecordedEvent {
  return (row) =>
    new LazyMetadataEvent(
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
