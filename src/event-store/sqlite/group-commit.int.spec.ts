import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anEvent, collect, events } from '../../../test/support/events';
import { WrongExpectedStateError } from '../errors';
import { SqliteEventStore } from './sqlite-event-store';

/**
 * Group commit: appends issued together share one transaction (one fsync), yet each stays atomic
 * and independent of the others in its group.
 */
describe('SqliteEventStore group commit', () => {
  let dir: string;
  let file: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'registry-group-commit-'));
    file = join(dir, 'events.sqlite');
    store = new SqliteEventStore({ file });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const positionsOf = async (s: SqliteEventStore): Promise<bigint[]> =>
    (await collect(s.readAll())).map((e) => e.position);

  it('commits 50 concurrent appends in one transaction, in call order, and they survive a reopen', async () => {
    const before = store.transactions;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, n) => store.append(`s-${n}`, [anEvent()], 'no_stream')),
    );
    expect(store.transactions - before).toBe(1);
    expect(results.map((r) => r.position)).toEqual(results.map((_, n) => BigInt(n + 1)));

    await store.close();
    store = new SqliteEventStore({ file });
    const stored = await collect(store.readAll());
    expect(stored.map((e) => e.stream)).toEqual(results.map((_, n) => `s-${n}`));
  });

  it('fails a conflicting append alone while the others of its group are written', async () => {
    await store.append('taken', events(1), 'no_stream');
    const before = store.transactions;
    const [first, conflict, last] = await Promise.allSettled([
      store.append('a', events(2), 'no_stream'),
      store.append('taken', events(1), 'no_stream'),
      store.append('b', events(1), 'no_stream'),
    ]);
    expect(store.transactions - before).toBe(1);
    expect(first).toMatchObject({ status: 'fulfilled', value: { position: 3n } });
    expect(conflict.status).toBe('rejected');
    expect((conflict as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedStateError);
    expect(last).toMatchObject({ status: 'fulfilled', value: { position: 4n } });
    expect(await collect(store.readStream('taken'))).toHaveLength(1);
    expect(await positionsOf(store)).toEqual([1n, 2n, 3n, 4n]);
  });

  it('keeps a multi-stream append in a group all or nothing', async () => {
    await store.append('old', events(2), 'no_stream');
    const [before, multi, after] = await Promise.allSettled([
      store.append('x', events(1), 'no_stream'),
      store.appendMulti([
        { stream: 'y', expected: 'no_stream', events: events(2) },
        { stream: 'old', expected: 0n, events: events(1) },
      ]),
      store.append('w', events(1), 'no_stream'),
    ]);
    expect(multi.status).toBe('rejected');
    expect((multi as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedStateError);
    expect(await collect(store.readStream('y'))).toEqual([]);
    expect(await collect(store.readStream('old'))).toHaveLength(2);
    expect(before).toMatchObject({ status: 'fulfilled', value: { position: 3n } });
    expect(after).toMatchObject({ status: 'fulfilled', value: { position: 4n } });

    const together = await Promise.all([
      store.appendMulti([
        { stream: 'y', expected: 'no_stream', events: events(2) },
        { stream: 'old', expected: 1n, events: events(1) },
      ]),
      store.append('x', events(1), 0n),
    ]);
    expect(together[0].streams.map((s) => s.position)).toEqual([6n, 7n]);
    expect(together[1].position).toBe(8n);
  });

  it('treats the same events twice in one group as a retry, stored once', async () => {
    const batch = events(2);
    const [first, again] = await Promise.all([
      store.append('s', batch, 'no_stream'),
      store.append('s', batch, 'no_stream'),
    ]);
    expect(again).toEqual(first);
    expect(await collect(store.readStream('s'))).toHaveLength(2);
  });

  it('rejects every caller of a group whose transaction cannot commit, and stores none of it', async () => {
    await store.close();
    store = new SqliteEventStore({ file, busyTimeoutMs: 0 });
    const other = new Database(file);
    try {
      other.prepare('BEGIN IMMEDIATE').run(); // another writer holds the lock
      const outcomes = await Promise.allSettled([
        store.append('a', events(1), 'no_stream'),
        store.append('b', events(1), 'no_stream'),
        store.appendMulti([{ stream: 'c', expected: 'any', events: events(1) }]),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
      const reasons = outcomes.map((o) => (o as PromiseRejectedResult).reason as Error);
      expect(reasons[0].message).toMatch(/locked|busy/i);
      expect(new Set(reasons).size).toBe(1);
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
    expect(await positionsOf(store)).toEqual([]);
    await expect(store.append('a', events(1), 'no_stream')).resolves.toMatchObject({
      position: 1n,
    });
  });

  it('still commits sequential appends one transaction each, as before', async () => {
    const before = store.transactions;
    for (let n = 0; n < 5; n++) {
      const result = await store.append('s', [anEvent()], n === 0 ? 'no_stream' : BigInt(n - 1));
      expect(result).toEqual({ nextExpectedRevision: BigInt(n), position: BigInt(n + 1) });
    }
    expect(store.transactions - before).toBe(5);
  });

  /** Three appends, each from its own callback of one event-loop turn (as HTTP requests come). */
  const appendsFromSeparateCallbacks = async (round: number): Promise<number> => {
    const before = store.transactions;
    const started = await new Promise<Promise<unknown>[]>((resolve) => {
      const appends: Promise<unknown>[] = [];
      for (let i = 0; i < 3; i++) {
        setImmediate(() => {
          appends.push(store.append(`r${round}-${i}`, [anEvent()], 'no_stream'));
          if (appends.length === 3) resolve(appends);
        });
      }
    });
    await Promise.all(started);
    return store.transactions - before;
  };

  const appendSequentially = async (count: number): Promise<void> => {
    for (let n = 0; n < count; n++) await store.append(`seq-${n}`, [anEvent()], 'no_stream');
  };

  it('groups appends that come from separate callbacks of one event-loop turn', async () => {
    expect(await appendsFromSeparateCallbacks(0)).toBe(1);
  });

  it('answers a caller appending one event after another without waiting for the event loop', async () => {
    await appendSequentially(8);
    let turned = false;
    setImmediate(() => (turned = true));
    await store.append('next', [anEvent()], 'no_stream');
    expect(turned).toBe(false);
  });

  it('groups appends from separate callbacks again after a run of sequential ones', async () => {
    await appendSequentially(8);
    const transactions: number[] = [];
    for (let round = 0; round < 40 && !transactions.some((t) => t < 3); round++) {
      transactions.push(await appendsFromSeparateCallbacks(round));
    }
    expect(transactions.some((t) => t < 3)).toBe(true);
    expect(await appendsFromSeparateCallbacks(99)).toBe(1);
  });

  it('writes and answers appends still queued when the store closes', async () => {
    const pending = store.append('s', events(3), 'no_stream');
    await store.close();
    await expect(pending).resolves.toMatchObject({ position: 3n });
    store = new SqliteEventStore({ file });
    expect(await collect(store.readStream('s'))).toHaveLength(3);
  });
});
