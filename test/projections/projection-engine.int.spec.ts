import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { ProjectionEngine } from '../../src/projections/projection-engine';
import { openReadModelDatabase } from '../../src/projections/read-model-database';
import { exited, onLines, spawnTs } from '../support/child-process';
import { events } from '../support/events';
import { LedgerProjection, ledgerPositions } from '../support/ledger-projection';

const range = (from: number, to: number): bigint[] =>
  Array.from({ length: to - from + 1 }, (_, i) => BigInt(from + i));

describe('projection engine', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'registry-projections-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('catches up in batches, follows live appends, and resumes from its checkpoint after a restart', async () => {
    for (let i = 0; i < 12; i++) await store.append(`s-${i}`, events(100), 'no_stream');
    const first = new LedgerProjection();
    const db = openReadModelDatabase(join(dir, 'read-models.sqlite'));
    const engine = new ProjectionEngine(store, db, [first]);
    engine.start();
    await engine.caughtUp();
    await store.append('live', events(3), 'no_stream');
    expect(await engine.waitFor(1203n, 5000)).toBe(true);
    await engine.stop();
    db.close();
    expect(first.applied).toBe(1203);

    const second = new LedgerProjection();
    const reopened = openReadModelDatabase(join(dir, 'read-models.sqlite'));
    const restarted = new ProjectionEngine(store, reopened, [second]);
    expect(restarted.runners[0].checkpoint).toBe(1203n);
    restarted.start();
    await restarted.caughtUp();
    await store.append('after-restart', events(2), 'no_stream');
    expect(await restarted.waitFor(1205n, 5000)).toBe(true);
    await restarted.stop();
    expect(second.applied).toBe(2);
    expect(ledgerPositions(reopened)).toEqual(range(1, 1205));
    expect(await restarted.status()).toEqual([
      { name: 'ledger', checkpoint: '1205', lag: '0', caughtUp: true, error: null },
    ]);
    reopened.close();
  });

  it('answers a wait for a position it does not reach with false after the timeout', async () => {
    const db = openReadModelDatabase(join(dir, 'read-models.sqlite'));
    const engine = new ProjectionEngine(store, db, [new LedgerProjection()]);
    engine.start();
    expect(await engine.waitFor(5n, 100)).toBe(false);
    await engine.stop();
    db.close();
  });

  it('loses nothing and applies nothing twice when killed mid-batch', async () => {
    for (let i = 0; i < 20; i++) await store.append(`s-${i}`, events(100), 'no_stream');
    const readModels = join(dir, 'read-models.sqlite');
    for (let kill = 0; kill < 3; kill++) {
      const child = spawnTs('test/projections/projector.child.ts', [
        join(dir, 'events.sqlite'),
        readModels,
      ]);
      const seen = new Promise<void>((resolve) =>
        onLines(child.stdout!, (line) => line.startsWith('checkpoint') && resolve()),
      );
      await Promise.race([seen, exited(child)]);
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
      child.kill('SIGKILL');
      await exited(child);
    }
    const db = openReadModelDatabase(readModels);
    const interrupted = ledgerPositions(db);
    expect(interrupted.length).toBeGreaterThan(0);
    expect(interrupted.length).toBeLessThan(2000);
    expect(interrupted).toEqual(range(1, interrupted.length));

    const engine = new ProjectionEngine(store, db, [new LedgerProjection()]);
    engine.start();
    await engine.caughtUp();
    await engine.stop();
    expect(ledgerPositions(db)).toEqual(range(1, 2000));
    db.close();
  }, 60_000);

  it('retries a failing batch from its checkpoint and reports the failure meanwhile', async () => {
    await store.append('s', events(5), 'no_stream');
    const flaky = new LedgerProjection();
    let failuresLeft = 2;
    const apply = flaky.apply.bind(flaky);
    flaky.apply = (db, event) => {
      if (event.position === 3n && failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error('disk hiccup');
      }
      apply(db, event);
    };
    const db = openReadModelDatabase(join(dir, 'read-models.sqlite'));
    const engine = new ProjectionEngine(store, db, [flaky]);
    engine.start();
    await waitUntil(() => engine.runners[0].failure?.message === 'disk hiccup');
    expect((await engine.status())[0].error).toBe('disk hiccup');
    expect(await engine.waitFor(5n, 10_000)).toBe(true);
    expect((await engine.status())[0]).toMatchObject({ error: null, checkpoint: '5' });
    expect(ledgerPositions(db)).toEqual(range(1, 5));
    await engine.stop();
    db.close();
  });

  it('applies each event once when two processes share the read-model file', async () => {
    for (let i = 0; i < 4; i++) await store.append(`s-${i}`, events(250), 'no_stream');
    const file = join(dir, 'read-models.sqlite');
    const [one, two] = [openReadModelDatabase(file), openReadModelDatabase(file)];
    const engines = [one, two].map(
      (db) => new ProjectionEngine(store, db, [new LedgerProjection()]),
    );
    engines.forEach((engine) => engine.start());
    await store.append('late', events(10), 'no_stream');
    for (const engine of engines) expect(await engine.waitFor(1010n, 10_000)).toBe(true);
    await Promise.all(engines.map((engine) => engine.stop()));
    expect(ledgerPositions(one)).toEqual(range(1, 1010));
    one.close();
    two.close();
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
