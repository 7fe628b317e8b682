import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseUntil } from '../../src/cli/commands/replay.command';
import { replayRegistry, type ReplayedRegistry } from '../../src/cli/commands/replay-registry';
import { upcasting } from '../../src/event-store/event-store.module';
import type { EventStore } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { AMG, OFFICE, recordSeedCase } from '../support/seed-case';
import { runCli } from './cli';

const statuses = (state: ReplayedRegistry) =>
  Object.fromEntries(state.fieldOperations.map((o) => [o.id, o.status]));

/** The seed case: Belarus (1), the AMG (2), then PC.DEC/526 and its effects (3-6) recorded 2024-01-02. */
describe('replay', () => {
  let dir: string;
  let raw: SqliteEventStore;
  let store: EventStore;
  let afterDecision: bigint;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'registry-replay-'));
    raw = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    store = upcasting(raw);
    afterDecision = await recordSeedCase(store);
  });

  afterAll(async () => {
    await raw.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('before PC.DEC/526 was recorded: only the Group, active on both days, no decision', async () => {
    for (const asOf of ['2002-12-31', '2003-01-01']) {
      const state = await replayRegistry(store, { position: 2n }, asOf);
      expect(statuses(state)).toEqual({ [AMG]: 'active' });
      expect(state.decisions).toEqual([]);
      expect(state.participatingStates.map((s) => s.stateId)).toEqual(['belarus']);
      expect(state.events).toEqual({
        count: 2,
        lastPosition: '2',
        lastRecordedAt: '2024-01-01T10:01:00.000Z',
      });
    }
  });

  it('after PC.DEC/526: the Group active on 2002-12-31, closed on 2003-01-01, the Office the other way', async () => {
    const lastDay = await replayRegistry(store, { position: afterDecision }, '2002-12-31');
    expect(statuses(lastDay)).toEqual({ [AMG]: 'active', [OFFICE]: 'not-yet-established' });

    const firstDay = await replayRegistry(store, { position: afterDecision }, '2003-01-01');
    expect(statuses(firstDay)).toEqual({ [AMG]: 'closed', [OFFICE]: 'active' });
    const office = firstDay.fieldOperations.find((o) => o.id === OFFICE)!;
    expect(office).toMatchObject({ kind: 'office', predecessors: [AMG], successors: [] });
    expect(office.mandate).toMatchObject({ decision: 'PC.DEC/526', until: '2003-12-31' });
    const amg = firstDay.fieldOperations.find((o) => o.id === AMG)!;
    expect(amg).toMatchObject({
      closedOn: '2002-12-31',
      closureReason: 'replaced',
      successors: [OFFICE],
    });
    expect(firstDay.decisions.map((d) => d.reference)).toEqual(['PC.DEC/526']);
  });

  it('--until an instant keeps the events recorded by then (inclusive)', async () => {
    const before = await replayRegistry(
      store,
      parseUntil('2024-01-02T09:30:00.122Z'),
      '2003-01-01',
    );
    expect(statuses(before)).toEqual({ [AMG]: 'active' });
    const at = await replayRegistry(
      store,
      parseUntil('2024-01-02T10:30:00.123+01:00'),
      '2003-01-01',
    );
    expect(statuses(at)).toEqual({ [AMG]: 'closed', [OFFICE]: 'active' });
    expect(at.until).toEqual({ instant: '2024-01-02T09:30:00.123Z' });
  });

  it('refuses an --until that is neither a position nor an instant with its offset', () => {
    for (const bad of [
      '2024-01-02',
      'yesterday',
      '-3',
      '2024-01-02T10:00:00',
      '2024-02-30T00:00:00Z',
    ]) {
      expect(() => parseUntil(bad)).toThrow(/expected a position .* or an ISO instant/);
    }
  });

  it('the CLI exports the JSON to --output, and prints it without', async () => {
    const output = join(dir, 'state.json');
    const exported = await runCli(
      ['replay', '--until', String(afterDecision), '--as-of', '2003-01-01', '--output', output],
      dir,
    );
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe(
      `replay: ${afterDecision} events (last position ${afterDecision}): 2 field operations on 2003-01-01, 1 decisions, 1 participating States -> ${output}`,
    );
    const file = JSON.parse(readFileSync(output, 'utf8')) as ReplayedRegistry;
    expect(statuses(file)).toEqual({ [AMG]: 'closed', [OFFICE]: 'active' });

    const printed = await runCli(['replay', '--until', '2', '--as-of', '2002-12-31'], dir);
    expect(printed.code).toBe(0);
    expect(statuses(JSON.parse(printed.stdout) as ReplayedRegistry)).toEqual({ [AMG]: 'active' });

    const refused = await runCli(['replay', '--until', 'soon'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "option '--until <instant|position>' argument 'soon' is invalid",
    );
  }, 60_000);
});
