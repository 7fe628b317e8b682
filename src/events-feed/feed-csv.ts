import type { CsvColumn } from '../http/csv';
import { citedDecisionOf } from './audit/cited-decision';
import type { FeedEvent } from './feed-event';

/** The columns of the events CSV export; `data` is the event's data as JSON. */
export const FEED_CSV_COLUMNS: readonly CsvColumn<FeedEvent>[] = [
  { header: 'position', value: (e) => e.position },
  { header: 'recordedAt', value: (e) => e.recordedAt },
  { header: 'stream', value: (e) => e.stream },
  { header: 'revision', value: (e) => e.revision },
  { header: 'id', value: (e) => e.id },
  { header: 'type', value: (e) => e.type },
  { header: 'actor', value: (e) => e.metadata.actor },
  { header: 'decision', value: (e) => citedDecisionOf(e) },
  { header: 'reason', value: (e) => e.metadata.reason },
  { header: 'correlationId', value: (e) => e.metadata.correlationId },
  { header: 'causationId', value: (e) => e.metadata.causationId },
  { header: 'data', value: (e) => JSON.stringify(e.data) },
];

export const NDJSON_MEDIA_TYPE = 'application/x-ndjson';

export async function* ndjsonLines(events: AsyncIterable<FeedEvent>): AsyncGenerator<string> {
  for await (const event of events) yield `${JSON.stringify(event)}\n`;
}
