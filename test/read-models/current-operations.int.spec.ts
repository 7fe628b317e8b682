import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { decideAppointHead } from '../../src/field-operations/appoint-head/appoint-head.decide';
import { streamOfOperation } from '../../src/field-operations/domain/events';
import { fold } from '../../src/field-operations/domain/fold';
import { FieldOperationsReader } from '../../src/field-operations/read/field-operations.reader';
import { allProjections } from '../../src/projections/all-projections';
import { ReadModels } from '../../src/projections/read-models';
import { OFFICE, record, recordSeedCase } from '../support/seed-case';

/**
 * The reader keeps each operation as it stands now until the read models move: a repeated read
 * does not query, and a batch applied by the engine is seen by the next read.
 */
describe('field operations as they stand now, kept between reads', () => {
  let dir: string;
  let store: SqliteEventStore;
  let readModels: ReadModels;
  let reader: FieldOperationsReader;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'registry-current-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), pollIntervalMs: 20 });
    const seeded = await recordSeedCase(store);
    readModels = new ReadModels(store, dir, allProjections());
    readModels.start();
    expect(await readModels.waitFor(seeded, 10_000)).toBe(true);
    reader = new FieldOperationsReader(readModels);
  });

  afterEach(async () => {
    await readModels.stop();
    readModels.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function appointHead(name: string): Promise<bigint> {
    const events: RecordedEvent[] = [];
    for await (const event of store.readStream(streamOfOperation(OFFICE))) events.push(event);
    const change = {
      stream: streamOfOperation(OFFICE),
      events: decideAppointHead({ operationId: OFFICE, name, from: '2003-02' }, fold(events)),
    };
    return record(store, [change], new Date('2024-01-03T09:00:00.000Z'));
  }

  it('warms: every operation as it stands now is read before any request asks for it', async () => {
    await reader.warm().done;
    // Had the first read gone to the database, it would see the changed revision.
    readModels.db.prepare('UPDATE field_operation_versions SET revision = 99').run();
    expect(reader.get(OFFICE, '2003-06-01')).toMatchObject({ revision: 1, head: null });
  });

  it('stops warming when asked, and on a closed database, without throwing', async () => {
    const stopped = reader.warm();
    stopped.stop();
    await stopped.done;
    const closed = new FieldOperationsReader(readModels.db);
    const warming = closed.warm();
    readModels.close();
    await expect(warming.done).resolves.toBeUndefined();
  });

  it('answers a repeated read without the database, until a batch moves the generation', async () => {
    const before = reader.get(OFFICE, '2003-06-01');
    expect(before).toMatchObject({ revision: 1, head: null });
    // Rows changed behind the engine's back are not seen while nothing was applied...
    readModels.db.prepare('UPDATE field_operation_versions SET revision = 99').run();
    expect(reader.get(OFFICE, '2003-06-01')?.revision).toBe(1);
    // ...nor asked as of an instant (that path reads the database every time).
    expect(reader.get(OFFICE, '2003-06-01', Date.now())?.revision).toBe(99);
    const generation = readModels.generation;
    const position = await appointHead('Eberhard Heyken');
    expect(await readModels.waitFor(position, 10_000)).toBe(true);
    expect(readModels.generation).toBeGreaterThan(generation);
    expect(reader.get(OFFICE, '2003-06-01')).toMatchObject({
      revision: 2,
      head: 'Eberhard Heyken',
    });
  });

  it('keeps them across a batch that changes no field operation (a note on another stream)', async () => {
    expect(reader.get(OFFICE, '2003-06-01')?.revision).toBe(1);
    readModels.db.prepare('UPDATE field_operation_versions SET revision = 99').run();
    const generation = readModels.generation;
    const position = await record(
      store,
      [{ stream: 'misc-note', events: [{ type: 'SomethingElseHappened', data: { note: 'x' } }] }],
      new Date('2024-01-03T09:00:00.000Z'),
    );
    expect(await readModels.waitFor(position, 10_000)).toBe(true);
    expect(readModels.generation).toBeGreaterThan(generation);
    expect(reader.get(OFFICE, '2003-06-01')?.revision).toBe(1);
  });

  it('keeps answers apart by day: the state is shared, the view is computed for each asOf', () => {
    expect(reader.get(OFFICE, '2002-06-01')?.status).toBe('not-yet-established');
    expect(reader.get(OFFICE, '2003-06-01')?.status).toBe('active');
    expect(reader.get(OFFICE, '2003-06-01')?.predecessors).toEqual([
      'advisory-and-monitoring-group-in-belarus',
    ]);
  });
});
