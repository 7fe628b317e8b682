import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { runCli } from '../rebuild/cli';
import { RegistryUnderTest } from '../support/registry-app';
import { loadV0Fixture } from './v0-fixture';

const AMG = 'advisory-and-monitoring-group-in-belarus';
const OFFICE = 'office-in-minsk';

/** The registry started on a store holding the v0 fixture: commands and reads see the current schema. */
describe('the registry on a store with v0 events', () => {
  let registry: RegistryUnderTest;

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'registry-upcasting-app-'));
    const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
    await loadV0Fixture(store);
    await store.close();
    registry = await RegistryUnderTest.start('sqlite', {}, { dataDir });
  });

  afterAll(async () => registry?.stop());

  it('decides on a v0-established operation: PC.DEC/526 closes the Group and names it as predecessor', async () => {
    const decision = await registry.post('/api/decisions', {
      reference: 'PC.DEC/526',
      body: 'permanent-council',
      adoptedOn: '2002-12-30',
      effects: [
        {
          action: 'establish',
          id: OFFICE,
          name: 'OSCE Office in Minsk',
          kind: 'office',
          hostStates: ['belarus'],
          seat: 'Minsk',
          establishedOn: '2003-01-01',
          predecessors: [AMG],
        },
        {
          action: 'close',
          operation: AMG,
          closedOn: '2002-12-31',
          reason: 'replaced',
          successors: [OFFICE],
        },
      ],
    });
    expect(decision.status).toBe(201);

    const amg = await registry.get(
      `/api/field-operations/${AMG}?asOf=2003-01-01&minPosition=${decision.body.position}`,
    );
    expect(amg.body).toMatchObject({
      kind: 'advisory-and-monitoring-group',
      hostStates: ['belarus'],
      status: 'closed',
      successors: [OFFICE],
    });
    const history = await registry.get(`/api/field-operations/${AMG}/history`);
    expect(history.body.items.map((i: { type: string }) => i.type)).toEqual([
      'GroupEstablished',
      'MandateAgreed',
      'GroupClosed',
    ]);
    const again = await registry.post(`/api/field-operations/${AMG}/closure`, {
      closedOn: '2003-01-01',
      reason: 'other',
    });
    expect(again.status).toBe(409);
  });

  it('shows the upgraded events in the feed, saying which version they were stored at', async () => {
    const feed = await registry.get('/api/events?limit=2');
    const established = feed.body.items[1];
    expect(established).toMatchObject({
      type: 'GroupEstablished',
      data: { operationId: AMG, hostStates: ['belarus'] },
      metadata: { schemaVersion: '1', storedSchemaVersion: '0' },
    });
  });

  it('exports the events exactly as stored with stored=true, for verification', async () => {
    const stored = (await registry.get('/api/events?limit=2&stored=true')).body.items[1];
    expect(stored.type).toBe('FieldOperationEstablished');
    expect(stored.metadata.storedSchemaVersion).toBeUndefined();
    const filtered = await registry.get('/api/events?stored=true&type=GroupEstablished');
    expect(filtered.status).toBe(400);
  });

  it('replays through the CLI in the current schema too', async () => {
    const replay = await runCli(
      ['replay', '--until', '5', '--as-of', '2000-01-01'],
      registry.config.dataDir,
    );
    expect(replay.code).toBe(0);
    const state = JSON.parse(replay.stdout) as {
      fieldOperations: Array<{ id: string; kind: string }>;
    };
    expect(state.fieldOperations.map((o) => [o.id, o.kind])).toEqual([
      [AMG, 'advisory-and-monitoring-group'],
      ['presence-in-albania', 'presence'],
    ]);
  }, 60_000);

  it('rebuilds the read models in the current schema: identical to what the API built', async () => {
    const rebuild = await runCli(['rebuild'], registry.config.dataDir);
    expect(rebuild.stderr).toBe('');
    expect(rebuild.code).toBe(0);
    expect(rebuild.stdout).toMatch(
      /compare with read-models.sqlite: \d+ table\(s\) identical, 0 different/,
    );
    expect(rebuild.stdout).toContain('switched:');
  }, 60_000);
});
