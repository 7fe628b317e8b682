import type { FeedEvent } from '../../../src/events-feed/feed-event';
import { streamOfOperation } from '../../../src/field-operations/domain/events';
import { fold } from '../../../src/field-operations/domain/fold';
import { detailOn } from '../../../src/field-operations/read/field-operation-detail';
import type { RegistryUnderTest } from '../../support/registry-app';

/** Every event of one operation's stream, read page by page from the audit feed. */
export async function operationLog(
  registry: RegistryUnderTest,
  operationId: string,
  minPosition: number,
): Promise<FeedEvent[]> {
  const events: FeedEvent[] = [];
  let after: number | null = null;
  for (;;) {
    const query = new URLSearchParams({
      stream: streamOfOperation(operationId),
      limit: '1000',
      minPosition: String(minPosition),
      ...(after === null ? {} : { after: String(after) }),
    });
    const page = await registry.get(`/api/events?${query.toString()}`);
    if (page.status !== 200)
      throw new Error(`GET /api/events: ${page.status} ${JSON.stringify(page.body)}`);
    const items = page.body.items as FeedEvent[];
    events.push(...items);
    if (items.length < 1000) return events;
    after = page.body.next as number;
  }
}

/**
 * Checks that what the read API says of an operation is the fold of its log: the detail on each
 * day (with the ETag of the last revision), and the history (positions and types, in order).
 */
export async function expectReadModelsToEqualTheFold(
  registry: RegistryUnderTest,
  operationId: string,
  log: readonly FeedEvent[],
  days: readonly string[],
): Promise<void> {
  const last = log[log.length - 1];
  const state = fold(log);
  if (!state) throw new Error(`${operationId}: the log folds to nothing`);
  for (const day of days) {
    const detail = await registry.get(
      `/api/field-operations/${operationId}?asOf=${day}&minPosition=${last.position}`,
    );
    expect(detail.status).toBe(200);
    expect(detail.headers.get('etag')).toBe(`"${last.revision}"`);
    const folded = detailOn(state, last.revision, { predecessors: [], successors: [] }, day);
    expect({ day, ...detail.body }).toEqual({
      day,
      ...folded,
      // links recorded on the other side of a succession are the read model's to add
      predecessors: expect.arrayContaining(folded.predecessors),
      successors: expect.arrayContaining(folded.successors),
    });
  }
  const history = await registry.get(
    `/api/field-operations/${operationId}/history?minPosition=${last.position}`,
  );
  expect(history.status).toBe(200);
  expect(
    history.body.items.map((item: { position: number; type: string }) => [
      item.position,
      item.type,
    ]),
  ).toEqual(log.map((event) => [event.position, event.type]));
}
