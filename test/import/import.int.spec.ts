import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLED_DATA_SET, loadDataSet } from '../../src/import/data-set';
import { Importer, type ImportReport } from '../../src/import/importer';
import { RegistryUnderTest } from '../support/registry-app';

/** The bundled OSCE history, imported through the running registry's own command bus. */
describe('Importing the OSCE data set', () => {
  let registry: RegistryUnderTest;
  let first: ImportReport;
  const importer = () => registry.app.get(Importer);

  beforeAll(async () => {
    registry = await RegistryUnderTest.start('sqlite');
    first = await importer().run(loadDataSet(BUNDLED_DATA_SET));
  }, 120_000);
  afterAll(async () => registry?.stop());

  const detail = async (id: string, asOf: string) =>
    (
      await registry.get(
        `/api/field-operations/${id}?asOf=${asOf}&minPosition=${first.lastPosition}`,
      )
    ).body;

  it('records the history with actor import and a reason citing the source', async () => {
    expect(first.recorded).toBeGreaterThan(100);
    const events = (await registry.get('/api/events?limit=5')).body.items;
    for (const event of events) {
      expect(event.metadata.actor).toBe('import');
      expect(event.metadata.reason).toMatch(/^Imported from the OSCE data set \(.+\)/);
      expect(event.metadata.importKey).toEqual(expect.any(String));
    }
  });

  it('reports what the sources leave incomplete instead of inventing it', () => {
    const skipped = first.notImported.map((n) => n.record);
    expect(skipped).toEqual(expect.arrayContaining(['mission-to-sarajevo', 'pc-dec-145']));
    const sarajevo = first.notImported.find((n) => n.record === 'mission-to-sarajevo');
    expect(sarajevo?.reason).toMatch(/closure date/);
  });

  it('serves sourced facts: the seed case of PC.DEC/526', async () => {
    expect(await detail('office-in-minsk', '2003-01-01')).toMatchObject({
      status: 'active',
      establishedOn: '2003-01-01',
      predecessors: ['advisory-and-monitoring-group-in-belarus'],
    });
    expect(await detail('advisory-and-monitoring-group-in-belarus', '2003-01-01')).toMatchObject({
      status: 'closed',
      closedOn: '2002-12-31',
      successors: ['office-in-minsk'],
    });
  });

  it('serves renames and changes of kind on their dates', async () => {
    const astana = 'programme-office-in-astana';
    expect(await detail(astana, '2000-01-01')).toMatchObject({
      name: 'OSCE Centre in Almaty',
      kind: 'centre',
    });
    expect(await detail(astana, '2010-01-01')).toMatchObject({
      name: 'OSCE Centre in Astana',
      kind: 'centre',
    });
    expect(await detail(astana, '2016-01-01')).toMatchObject({
      name: 'OSCE Programme Office in Astana',
      kind: 'programme-office',
    });
  });

  it('answers what replaced the Mission to Croatia, from both sides and in the lineage', async () => {
    expect(await detail('mission-to-croatia', '2008-06-01')).toMatchObject({
      status: 'closed',
      closedOn: '2007-12-31',
      successors: ['office-in-zagreb'],
    });
    const lineage = await registry.get('/api/field-operations/mission-to-croatia/lineage');
    expect(lineage.body.edges).toEqual([
      { predecessor: 'mission-to-croatia', successor: 'office-in-zagreb' },
    ]);
  });

  it('keeps imprecise dates with their precision: the Mission to Latvia, established in 1993', async () => {
    expect(await detail('mission-to-latvia', '1993-01-01')).toMatchObject({
      establishedOn: '1993',
      status: 'active',
    });
    expect(await detail('mission-to-latvia', '1992-12-31')).toMatchObject({
      status: 'not-yet-established',
    });
  });

  it.each([
    ['1973-07-03', 35],
    ['1992-02-01', 48],
    ['1995-12-08', 53],
    ['2006-06-22', 56],
    ['2026-01-01', 57],
  ])('counts the participating States on %s: %i', async (asOf, count) => {
    const states = await registry.get(
      `/api/participating-states?asOf=${asOf}&minPosition=${first.lastPosition}`,
    );
    expect(states.body.count).toBe(count);
  });

  it('lists the operations active in 1999 on the timeline', async () => {
    const [year] = (await registry.get('/api/timeline?from=1999&to=1999')).body;
    expect(year.year).toBe(1999);
    expect(year.operations.map((o: { id: string }) => o.id)).toEqual(
      expect.arrayContaining([
        'mission-to-croatia',
        'presence-in-albania',
        'kosovo-verification-mission',
      ]),
    );
    expect(year.count).toBe(year.operations.length);
  });

  it('records nothing on a second run', async () => {
    const before = (await registry.get('/api/events?limit=1000')).body.items.length;
    const second = await importer().run(loadDataSet(BUNDLED_DATA_SET));
    expect(second.recorded).toBe(0);
    expect(second.alreadyThere).toBe(first.recorded);
    expect((await registry.get('/api/events?limit=1000')).body.items.length).toBe(before);
  });
});

describe('Importing a data set with a broken record', () => {
  let registry: RegistryUnderTest;
  let dir: string;
  beforeAll(async () => {
    registry = await RegistryUnderTest.start('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'registry-import-'));
    cpSync(BUNDLED_DATA_SET, dir, { recursive: true });
    const file = join(dir, 'field-operations.json');
    const data = JSON.parse(readFileSync(file, 'utf8')) as {
      items: Array<{
        id: string;
        events: Array<{ action: string; data: Record<string, unknown> }>;
      }>;
    };
    const albania = data.items.find((r) => r.id === 'presence-in-albania')!;
    albania.events[0].data.kind = 'spaceship';
    writeFileSync(file, JSON.stringify(data));
  }, 60_000);
  afterAll(async () => {
    await registry?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the record with its id and reason, and loads the others', async () => {
    const report = await registry.app.get(Importer).run(loadDataSet(dir));
    const refused = report.failed.filter(
      (f) => f.record.includes('albania') || f.reason.includes('kind'),
    );
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0].reason).toMatch(/kind/);
    expect((await registry.get(`/api/field-operations/presence-in-albania`)).status).toBe(404);
    const minsk = await registry.get(
      `/api/field-operations/office-in-minsk?minPosition=${report.lastPosition}`,
    );
    expect(minsk.status).toBe(200);
  }, 60_000);
});
