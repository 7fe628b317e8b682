import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type {
  EventStore,
  RecordedEvent,
  SubscribeOptions,
} from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { offloadWalBytesOf, ProjectionEngine } from '../../src/projections/projection-engine';
import { openReadModelDatabase } from '../../src/projections/read-model-database';
import { exited, onLines, spawnTs } from '../support/child-process';
import { events } from '../support/events';
import { LedgerProjection, ledgerPositions } from '../support/ledger-projection';

/** What the engine changes on the read-model connection while it builds reader indexes. */
const indexBuildSettings = (db: Database.Database): unknown[] => [
  db.pragma('cache_size', { simple: true }),
  db.pragma('threads', { simple: true }),
  db.pragma('temp_store', { simple: true }),
];

const range = (from: number, to: number): bigint[] =>
  Array.from({ length: to - from + 1 }, (_, i) => BigInt(from + i));

// Every test gets a fresh event store in a folder of its own.
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

describe('projection engine', () => {
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

  it('checkpoints a long catch-up on another thread, then stops that thread with the engine', async () => {
    for (let i = 0; i < 12; i++) await store.append(`s-${i}`, events(100), 'no_stream');
    const file = join(dir, 'read-models.sqlite');
    const db = openReadModelDatabase(file);
    const sizeBefore = statSync(file).size;
    // Any WAL counts as large: the worker starts after the first commit.
    const engine = new ProjectionEngine(store, db, [new LedgerProjection()], {
      offloadWalBytes: 1,
    });
    engine.start();
    await engine.reach(1200n);
    await store.append('live', events(3), 'no_stream');
    expect(await engine.waitFor(1203n, 5000)).toBe(true);
    await engine.stop();
    // The catch-up's rows reached the file itself, not only the WAL.
    expect(statSync(file).size).toBeGreaterThan(sizeBefore);
    expect(ledgerPositions(db)).toEqual(range(1, 1203));
    db.close();
  });

  it('builds the indexes a projection leaves to readers once caught up, not while filling', async () => {
    for (let i = 0; i < 5; i++) await store.append(`s-${i}`, events(20), 'no_stream');
    /** A ledger whose index by stream only readers use. */
    class IndexedLedger extends LedgerProjection {
      readonly readerIndexes = 'CREATE INDEX IF NOT EXISTS ledger_by_stream ON ledger (stream)';
      indexed: boolean[] = [];
      override apply(db: Database.Database, event: RecordedEvent): void {
        this.indexed.push(hasIndex(db));
        super.apply(db, event);
      }
    }
    const hasIndex = (db: Database.Database): boolean =>
      db
        .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'ledger_by_stream'`)
        .get() !== undefined;
    const db = openReadModelDatabase(join(dir, 'read-models.sqlite'));
    const ledger = new IndexedLedger();
    const engine = new ProjectionEngine(store, db, [ledger]);
    expect(hasIndex(db)).toBe(false);
    engine.start();
    await engine.reach(100n);
    expect(ledger.indexed).toHaveLength(100);
    expect(ledger.indexed.every((indexed) => !indexed)).toBe(true);
    expect(hasIndex(db)).toBe(true);
    // Live events after that are applied with the index in place.
    await store.append('live', events(1), 'no_stream');
    expect(await engine.waitFor(101n, 5000)).toBe(true);
    expect(ledger.indexed[100]).toBe(true);
    await engine.stop();
    db.close();
  });

  it('builds reader indexes with a small page cache, sorter threads and runs on disk, then sets all back', async () => {
    for (let i = 0; i < 3; i++) await store.append(`s-${i}`, events(20), 'no_stream');
    class IndexedLedger extends LedgerProjection {
      readonly readerIndexes = `
        CREATE INDEX IF NOT EXISTS ledger_by_stream ON ledger (stream);
        CREATE INDEX IF NOT EXISTS "ledger_by_stream_position" ON ledger (stream, position);`;
    }
    const db = openReadModelDatabase(join(dir, 'read-models.sqlite'));
    const settings = (): unknown[] => indexBuildSettings(db);
    const before = settings();
    const seen: Array<{ sql: string; settings: unknown[] }> = [];
    const exec = db.exec.bind(db);
    jest.spyOn(db, 'exec').mockImplementation((sql: string) => {
      seen.push({ sql, settings: settings() });
      return exec(sql);
    });
    const engine = new ProjectionEngine(store, db, [new IndexedLedger()]);
    engine.start();
    await engine.reach(60n);
    await waitUntil(() => engine.runners[0].isCaughtUp);
    const builds = seen.filter(({ sql }) => sql.includes('ledger_by_stream'));
    expect(builds).toEqual([
      { sql: expect.stringContaining('CREATE INDEX') as string, settings: [-4096, 2, 0] },
    ]);
    expect(settings()).toEqual(before);
    expect(before).toEqual([-16000, 0, 0]);
    // With the indexes in place, the calls on caught-up and `caughtUp` run nothing.
    await engine.caughtUp();
    engine.buildReaderIndexes();
    expect(seen.filter(({ sql }) => sql.includes('ledger_by_stream'))).toHaveLength(1);
    const indexes = db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ledger' ORDER BY name`,
      )
      .pluck()
      .all();
    expect(indexes).toEqual(
      expect.arrayContaining(['ledger_by_stream', 'ledger_by_stream_position']),
    );
    await engine.stop();
    db.close();
  });

  it('gives the sorter no helper threads when told to (an engine building beside another)', async () => {
    await store.append('s-0', events(20), 'no_stream');
    class IndexedLedger extends LedgerProjection {
      readonly readerIndexes = 'CREATE INDEX IF NOT EXISTS ledger_by_stream ON ledger (stream);';
    }
    const db = openReadModelDatabase(join(dir, 'read-models.sqlite'));
    const during: unknown[][] = [];
    const exec = db.exec.bind(db);
    jest.spyOn(db, 'exec').mockImplementation((sql: string) => {
      if (sql.includes('ledger_by_stream')) during.push(indexBuildSettings(db));
      return exec(sql);
    });
    const engine = new ProjectionEngine(store, db, [new IndexedLedger()], {
      indexBuildThreads: 0,
    });
    engine.start();
    await engine.reach(20n);
    expect(during).toEqual([[-4096, 0, 0]]);
    expect(indexBuildSettings(db)).toEqual([-16000, 0, 0]);
    await engine.stop();
    db.close();
  });

  it('sets the page cache and sorter threads back when a reader index fails to build', async () => {
    await store.append('s-0', events(5), 'no_stream');
    class BrokenIndex extends LedgerProjection {
      readonly readerIndexes =
        'CREATE INDEX IF NOT EXISTS ledger_broken ON ledger (no_such_column);';
    }
    const db = openReadModelDatabase(join(dir, 'read-models.sqlite'));
    const settings = (): unknown[] => indexBuildSettings(db);
    const before = settings();
    const engine = new ProjectionEngine(store, db, [new BrokenIndex()]);
    engine.start();
    await expect(engine.reach(5n)).rejects.toThrow(/no_such_column/);
    expect(settings()).toEqual(before);
    expect(before).toEqual([-16000, 0, 0]);
    await engine.stop();
    db.close();
  });

  it('hands checkpoints to another thread from a WAL size counted in the file’s own pages', () => {
    const small = openReadModelDatabase(join(dir, 'small-pages.sqlite'));
    const large = new Database(join(dir, 'large-pages.sqlite'));
    large.pragma('page_size = 16384');
    large.pragma('journal_mode = WAL');
    expect(offloadWalBytesOf(small)).toBe(50_000 * 0.75 * 4096);
    expect(offloadWalBytesOf(large)).toBe(50_000 * 0.75 * 16384);
    small.close();
    large.close();
  });

  it('builds a reader index still missing beside one that exists, however its statement names it', async () => {
    await store.append('s-0', events(5), 'no_stream');
    class IndexedLedger extends LedgerProjection {
      readonly readerIndexes = `
        CREATE INDEX IF NOT EXISTS ledger_by_stream ON ledger (stream);
        CREATE UNIQUE INDEX IF NOT EXISTS main.[ledger_by_position] ON ledger (position);`;
    }
    const db = openReadModelDatabase(join(dir, 'read-models.sqlite'));
    const engine = new ProjectionEngine(store, db, [new IndexedLedger()]);
    db.exec('CREATE INDEX IF NOT EXISTS ledger_by_stream ON ledger (stream)');
    engine.start();
    await engine.reach(5n);
    await waitUntil(() => engine.runners[0].isCaughtUp);
    await engine.caughtUp();
    const indexes = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ledger'`)
      .pluck()
      .all();
    expect(indexes).toEqual(expect.arrayContaining(['ledger_by_stream', 'ledger_by_position']));
    await engine.stop();
    db.close();
  });

  it('checkpoints the WAL less often and keeps temporary files in memory while catching up, the defaults once caught up', async () => {
    for (let i = 0; i < 3; i++) await store.append(`s-${i}`, events(20), 'no_stream');
    const interval = (db: Database.Database): unknown => [
      db.pragma('wal_autocheckpoint', { simple: true }),
      db.pragma('temp_store', { simple: true }),
    ];
    class WatchingLedger extends LedgerProjection {
      seen: unknown[] = [];
      override apply(db: Database.Database, event: RecordedEvent): void {
        this.seen.push(interval(db));
        super.apply(db, event);
      }
    }
    const db = openReadModelDatabase(join(dir, 'read-models.sqlite'));
    const ledger = new WatchingLedger();
    const engine = new ProjectionEngine(store, db, [ledger]);
    expect(interval(db)).toEqual([1000, 0]);
    engine.start();
    await engine.reach(60n);
    await waitUntil(() => engine.runners[0].isCaughtUp);
    expect(ledger.seen.slice(0, 60)).toEqual(Array(60).fill([50_000, 2]));
    expect(interval(db)).toEqual([1000, 0]);
    await store.append('live', events(1), 'no_stream');
    expect(await engine.waitFor(61n, 5000)).toBe(true);
    expect(ledger.seen[60]).toEqual([1000, 0]);
    await engine.stop();
    expect(interval(db)).toEqual([1000, 0]);
    db.close();
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

describe('projection engine with several projections', () => {
  it('reads the log once for all its projections', async () => {
    for (let i = 0; i < 5; i++) await store.append(`s-${i}`, events(300), 'no_stream');
    const spy = countingStore(store);
    const ledgers = ['one', 'two', 'three'].map((name) => new LedgerProjection(0, name));
    const db = openReadModelDatabase(join(dir, 'read-models.sqlite'));
    const engine = new ProjectionEngine(spy.store, db, ledgers);
    engine.start();
    await engine.caughtUp();
    await store.append('live', events(4), 'no_stream');
    expect(await engine.waitFor(1504n, 5000)).toBe(true);
    await engine.stop();
    expect(spy.subscriptions).toEqual([undefined]);
    expect(spy.delivered).toBe(1504);
    for (const ledger of ledgers) expect(ledgerPositions(db, ledger.name)).toEqual(range(1, 1504));
    db.close();
  });

  it('feeds projections at different checkpoints from the lowest, each from its own', async () => {
    await store.append('s', events(10), 'no_stream');
    const file = join(dir, 'read-models.sqlite');
    const first = openReadModelDatabase(file);
    const ahead = new ProjectionEngine(store, first, [new LedgerProjection(0, 'ahead')]);
    ahead.start();
    await ahead.caughtUp();
    await ahead.stop();
    await store.append('t', events(5), 'no_stream');

    const spy = countingStore(store);
    const behind = new LedgerProjection(0, 'behind');
    const again = new LedgerProjection(0, 'ahead');
    const engine = new ProjectionEngine(spy.store, first, [again, behind]);
    engine.start();
    await engine.caughtUp();
    await engine.stop();
    expect(spy.subscriptions).toEqual([undefined]);
    expect(again.applied).toBe(5);
    expect(behind.applied).toBe(15);
    expect(ledgerPositions(first, 'ahead')).toEqual(range(1, 15));
    expect(ledgerPositions(first, 'behind')).toEqual(range(1, 15));
    first.close();
  });

  it('lets the others go on while one projection fails, then brings that one up to them', async () => {
    await store.append('s', events(5), 'no_stream');
    const healthy = new LedgerProjection(0, 'healthy');
    const flaky = new LedgerProjection(0, 'flaky');
    let failuresLeft = 2;
    const apply = flaky.apply.bind(flaky);
    flaky.apply = (db, event) => {
      if (event.position === 3n && failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error('disk hiccup');
      }
      apply(db, event);
    };
    const spy = countingStore(store);
    const db = openReadModelDatabase(join(dir, 'read-models.sqlite'));
    const engine = new ProjectionEngine(spy.store, db, [flaky, healthy]);
    engine.start();
    await waitUntil(() => engine.runners[0].failure?.message === 'disk hiccup');
    // The failed batch rolled back the flaky projection's rows only, and it forgot its cache.
    expect(ledgerPositions(db, 'flaky')).toEqual([]);
    expect(flaky.forgotten).toBeGreaterThan(0);
    expect(await engine.waitFor(5n, 0)).toBe(false);
    await waitUntil(() => engine.runners[1].checkpoint === 5n);
    expect(ledgerPositions(db, 'healthy')).toEqual(range(1, 5));
    const [flakyStatus, healthyStatus] = await engine.status();
    expect(flakyStatus).toMatchObject({ error: 'disk hiccup', checkpoint: null });
    expect(healthyStatus).toMatchObject({ error: null, checkpoint: '5' });
    // The others keep following the log meanwhile.
    await store.append('t', events(2), 'no_stream');
    await waitUntil(() => engine.runners[1].checkpoint === 7n);

    expect(await engine.waitFor(7n, 10_000)).toBe(true);
    expect((await engine.status())[0]).toMatchObject({ error: null, checkpoint: '7' });
    expect(ledgerPositions(db, 'flaky')).toEqual(range(1, 7));
    expect(ledgerPositions(db, 'healthy')).toEqual(range(1, 7));
    // Each retry read the log again from the flaky projection's checkpoint.
    expect(spy.subscriptions).toEqual([undefined, undefined, undefined]);
    await engine.stop();
    db.close();
  });

  it('tells a projection to forget its cache when another process moved its checkpoint', async () => {
    await store.append('s', events(3), 'no_stream');
    const file = join(dir, 'read-models.sqlite');
    const [one, two] = [openReadModelDatabase(file), openReadModelDatabase(file)];
    const mine = new LedgerProjection();
    const engine = new ProjectionEngine(store, one, [mine]);
    engine.start();
    await engine.caughtUp();
    expect(mine.forgotten).toBe(0);
    const other = new ProjectionEngine(store, two, [new LedgerProjection()]);
    await store.append('t', events(2), 'no_stream');
    other.start();
    await other.caughtUp();
    await other.stop();
    await store.append('u', events(1), 'no_stream');
    expect(await engine.waitFor(6n, 5000)).toBe(true);
    await engine.stop();
    expect(ledgerPositions(one)).toEqual(range(1, 6));
    expect(mine.forgotten).toBeGreaterThan(0);
    one.close();
    two.close();
  });
});

/** The store, counting the subscriptions opened (their `after`) and the events delivered. */
function countingStore(store: EventStore) {
  const spy = {
    subscriptions: [] as Array<bigint | undefined>,
    delivered: 0,
    store: Object.create(store) as EventStore,
  };
  spy.store.subscribe = (options?: SubscribeOptions) => {
    spy.subscriptions.push(options?.after);
    const subscription = store.subscribe(options);
    return {
      close: () => subscription.close(),
      async *[Symbol.asyncIterator]() {
        for await (const message of subscription) {
          if (message.kind === 'event') spy.delivered += 1;
          yield message;
        }
      },
    };
  };
  return spy;
}

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
