import type { EventStore, RecordedEvent } from '../event-store.port';
import { PagedIterable } from '../paged-iterable';
import type { Upcaster } from './upcaster';
import { Upcasters } from './upcasters';
import { UpcastingEventStore } from './upcasting-event-store';

/** v0 `Old` becomes v1 `New`; v1 events pass unchanged. */
const renameOld: Upcaster = {
  type: 'Old',
  fromVersion: 0,
  produces: ['New'],
  upcast: ({ data }) => ({ type: 'New', data }),
};

const stored = (n: number, type: string, schemaVersion: string): RecordedEvent => ({
  id: `id-${n}`,
  stream: 's',
  revision: BigInt(n),
  position: BigInt(n + 1),
  type,
  data: { n },
  metadata: { schemaVersion },
  recordedAt: new Date(0),
});

const log = [stored(0, 'Old', '0'), stored(1, 'New', '1'), stored(2, 'Old', '0')];

/** A store whose reads are either plain async generators (as KurrentDB's) or paged (as SQLite's). */
function storeReading(paged: boolean): EventStore {
  const read = (): AsyncIterable<RecordedEvent> =>
    paged
      ? new PagedIterable(
          () => [log.slice(0, 2), log.slice(2)][Symbol.iterator](),
          (e: RecordedEvent) => e,
        )
      : (async function* () {
          yield* log;
        })();
  return { readStream: read, readAll: read } as unknown as EventStore;
}

describe('UpcastingEventStore reads', () => {
  it.each([
    ['plain async iterables', false],
    ['paged reads', true],
  ])('upcasts every event of streams and the log over %s', async (_label, paged) => {
    const store = new UpcastingEventStore(storeReading(paged), new Upcasters(1, [renameOld]));
    for (const events of [store.readStream('s'), store.readAll()]) {
      const read: RecordedEvent[] = [];
      for await (const event of events) read.push(event);
      expect(
        read.map((e) => [e.type, e.metadata.schemaVersion, e.metadata.storedSchemaVersion]),
      ).toEqual([
        ['New', '1', '0'],
        ['New', '1', undefined],
        ['New', '1', '0'],
      ]);
      expect(read.map((e) => e.position)).toEqual([1n, 2n, 3n]);
    }
  });

  it('upcasts the events read at positions', async () => {
    const raw = {
      readAt: (positions: readonly bigint[]) =>
        Promise.resolve(positions.map((p) => log.find((e) => e.position === p)!)),
    } as unknown as EventStore;
    const store = new UpcastingEventStore(raw, new Upcasters(1, [renameOld]));
    const read = await store.readAt([3n, 2n]);
    expect(read.map((e) => [e.position, e.type, e.metadata.storedSchemaVersion])).toEqual([
      [3n, 'New', '0'],
      [2n, 'New', undefined],
    ]);
  });

  it('keeps a paged read paged, so the upcast is a step of its iteration, not another layer', () => {
    const store = new UpcastingEventStore(storeReading(true), new Upcasters(1, [renameOld]));
    expect(store.readStream('s')).toBeInstanceOf(PagedIterable);
    expect(store.readAll()).toBeInstanceOf(PagedIterable);
  });
});
