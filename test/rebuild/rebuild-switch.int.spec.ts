import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { RegistryUnderTest } from '../support/registry-app';
import { OFFICE, recordSeedCase } from '../support/seed-case';
import { startCli } from './cli';
import { generateLog } from './generated-log';

interface Health {
  readModels: string;
  eventStore: { headPosition: string };
  projections: Array<{ name: string; checkpoint: string; lag: string; caughtUp: boolean }>;
}

describe('rebuild while the API serves', () => {
  let registry: RegistryUnderTest;

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'registry-rebuild-switch-'));
    const store = new SqliteEventStore({
      file: join(dataDir, 'events.sqlite'),
      synchronous: 'OFF',
    });
    await generateLog(store, 20_000);
    await recordSeedCase(store);
    await store.close();
    registry = await RegistryUnderTest.start('sqlite', {}, { dataDir });
    const deadline = Date.now() + 60_000;
    while (
      ((await registry.get('/health')).body as Health).projections.some((p) => p.lag !== '0')
    ) {
      if (Date.now() > deadline) throw new Error('the API did not catch up');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }, 120_000);

  afterAll(async () => registry?.stop());

  it('keeps answering reads during the rebuild and serves the new file after the switch', async () => {
    const health = async (): Promise<Health> => (await registry.get('/health')).body as Health;
    expect((await health()).readModels).toBe('read-models.sqlite');

    const cli = startCli(['rebuild'], registry.config.dataDir);
    let running = true;
    const finished = cli.done().finally(() => (running = false));
    const answers: Array<{ status: number; officeStatus: unknown; listed: number; file: string }> =
      [];
    while (running || answers.length < 10) {
      const office = await registry.get(`/api/field-operations/${OFFICE}?asOf=2003-01-01`);
      const list = await registry.get('/api/field-operations?hostState=belarus&status=all');
      answers.push({
        status: Math.max(office.status, list.status),
        officeStatus: office.body.status,
        listed: list.body.items?.length,
        file: (await health()).readModels,
      });
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const { code, stdout, stderr } = await finished;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const file = /switched: API processes on this data folder serve (\S+)/.exec(stdout)?.[1];
    expect(file).toMatch(/^read-models\.\d{8}T\d{9}Z\.sqlite$/);

    const deadline = Date.now() + 10_000;
    while ((await health()).readModels !== file) {
      if (Date.now() > deadline) throw new Error(`the API did not switch to ${file}`);
      const office = await registry.get(`/api/field-operations/${OFFICE}?asOf=2003-01-01`);
      answers.push({
        status: office.status,
        officeStatus: office.body.status,
        listed: 2,
        file: '',
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(answers.length).toBeGreaterThan(10);
    expect(
      answers.filter((a) => a.status !== 200 || a.officeStatus !== 'active' || a.listed !== 2),
    ).toEqual([]);

    const after = await health();
    expect(after.projections.map((p) => [p.checkpoint, p.lag, p.caughtUp])).toEqual(
      after.projections.map(() => [after.eventStore.headPosition, '0', true]),
    );

    const write = await registry.post(`/api/field-operations/${OFFICE}/heads`, {
      name: 'Eberhard Heyken',
      from: '2003-01-01',
    });
    expect(write.status).toBe(200);
    const read = await registry.get(
      `/api/field-operations/${OFFICE}?asOf=2003-06-01&minPosition=${write.body.position}`,
    );
    expect(read.status).toBe(200);
    expect(read.body.head).toBe('Eberhard Heyken');
    const final = await health();
    expect(final.readModels).toBe(file);
    expect(
      final.projections.every((p) => BigInt(p.checkpoint) >= BigInt(write.body.position)),
    ).toBe(true);
  }, 120_000);
});
