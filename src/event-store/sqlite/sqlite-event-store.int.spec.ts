import Database from 'better-sqlite3';
import { getEventListeners } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anEvent, collect, events, eventsOf, take } from '../../../test/support/events';
import { SqliteEventStore } from './sqlite-event-store';

describe('SqliteEventStore specifics', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'registry-sqlite-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates its folder and one WAL file with synchronous=FULL and a busy timeout', async () => {
    const file = join(dir, 'nested', 'events.sqlite');
    const store = new SqliteEventStore({ file });
    await store.append('s', [anEvent()], 'no_stream');
    const db = (store as unknown as { db: Database.Database }).db;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    await store.close();
  });

  it('wakes a subscription on commit in this process without waiting for the poll interval', async () => {
    const store = new SqliteEventStore({
      file: join(dir, 'events.sqlite'),
      pollIntervalMs: 60_000,
    });
    const subscription = store.subscribe();
    try {
      await take(subscription, (m) => m.length === 1);
      await store.append('s', [anEvent()], 'no_stream');
      expect(eventsOf(await take(subscription, (m) => m.length === 1, 5_000))).toHaveLength(1);
    } finally {
      await subscription.close();
      await store.close();
    }
  });

  it("hands out the log's events with their data's stored text", async () => {
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    await store.append('s', [anEvent('A', { b: [1, 'é'], a: null })], 'no_stream');
    const db = (store as unknown as { db: Database.Database }).db;
    // Spaced out, as no serializing of the data would write it: only the stored text gives it.
    const stored = JSON.stringify({ b: [1, 'é'], a: null }, null, 2);
    db.prepare('UPDATE events SET data = ?').run(stored);
    const [read] = await collect(store.readAll());
    expect(read.dataJson).toBe(stored);
    expect(JSON.parse(read.dataJson!)).toEqual(read.data);
    const [delivered] = eventsOf(await take(store.subscribe(), (m) => m.length === 1));
    expect(delivered.dataJson).toBe(stored);
    await store.close();
  });

  it('keeps positions contiguous when appends fail and roll back', async () => {
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    await store.append('a', [anEvent()], 'no_stream');
    await expect(
      store.appendMulti([
        { stream: 'b', expected: 'no_stream', events: [anEvent()] },
        { stream: 'a', expected: 'no_stream', events: [anEvent()] },
      ]),
    ).rejects.toThrow(/expected no_stream, found revision 0/);
    const next = await store.append('b', [anEvent()], 'no_stream');
    expect(next.position).toBe(2n);
    await store.close();
  });

  it('leaves no waiter behind after many idle polls', async () => {
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), pollIntervalMs: 1 });
    const subscription = store.subscribe();
    const signal = (store as unknown as { commits: { waiting: number } }).commits;
    await take(subscription, (m) => m.length === 1);
    const pending = take(subscription, (m) => m.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = (subscription as unknown as { closing: AbortController }).closing.signal;
    expect(getEventListeners(closing, 'abort').length).toBeLessThanOrEqual(1);
    expect(signal.waiting).toBeLessThanOrEqual(1);
    await store.append('s', [anEvent()], 'no_stream');
    await pending;
    await subscription.close();
    expect(signal.waiting).toBe(0);
    await store.close();
  });

  it('treats a batch whose first events are stored but not the rest as a conflict, never a duplicate', async () => {
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    const [first, second] = [anEvent(), anEvent()];
    await store.append('s', [first], 'any');
    await expect(store.append('s', [first, second], 'any')).rejects.toThrow(/expected any/);
    await expect(store.append('s', [first], 'any')).resolves.toMatchObject({
      nextExpectedRevision: 0n,
    });
    expect(await collect(store.readStream('s'))).toHaveLength(1);
    await store.close();
  });

  it('drops the id index of files made before, and still recognises retries expecting any', async () => {
    const file = join(dir, 'events.sqlite');
    const old = new Database(file);
    old.exec(`
      CREATE TABLE events (
        position INTEGER PRIMARY KEY, id TEXT NOT NULL, stream TEXT NOT NULL,
        revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,
        metadata TEXT NOT NULL, recorded_at INTEGER NOT NULL, UNIQUE (stream, revision));
      CREATE INDEX events_by_id ON events (id);`);
    const stored = anEvent();
    old
      .prepare('INSERT INTO events VALUES (1, ?, ?, 0, ?, ?, ?, ?)')
      .run(stored.id, 's', stored.type, JSON.stringify(stored.data), '{}', Date.now());
    old.close();

    const store = new SqliteEventStore({ file });
    const db = (store as unknown as { db: Database.Database }).db;
    const indexes = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index'")
      .all()
      .map((row) => row.name);
    expect(indexes).not.toContain('events_by_id');
    await store.append('s', events(3), 0n);
    await expect(store.append('s', [stored], 'any')).resolves.toEqual({
      nextExpectedRevision: 0n,
      position: 1n,
    });
    const batch = events(2);
    const first = await store.append('s', batch, 'stream_exists');
    await store.append('s', events(2), 'any');
    await expect(store.append('s', batch, 'any')).resolves.toEqual(first);
    expect(await collect(store.readStream('s'))).toHaveLength(8);
    await store.close();
  });

  it('reads across pages, forwards, backwards, after a position and up to a count', async () => {
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    const total = 2345; // more than two pages of 1,000
    await store.append('other', events(1), 'no_stream');
    for (let n = 0; n < total; n += 500) {
      await store.append(
        's',
        events(Math.min(500, total - n)),
        n === 0 ? 'no_stream' : BigInt(n - 1),
      );
    }
    const revisions = async (options: Parameters<SqliteEventStore['readStream']>[1]) =>
      (await collect(store.readStream('s', options))).map((e) => Number(e.revision));
    const upTo = (count: number, from = 0) => Array.from({ length: count }, (_, i) => from + i);

    expect(await revisions({})).toEqual(upTo(total));
    expect(await revisions({ fromRevision: 999n, maxCount: 1002 })).toEqual(upTo(1002, 999));
    expect(await revisions({ direction: 'backwards' })).toEqual(upTo(total).reverse());
    expect(await revisions({ direction: 'backwards', maxCount: 1500 })).toEqual(
      upTo(total).reverse().slice(0, 1500),
    );
    const all = (await collect(store.readAll({ after: 1n }))).map((e) => Number(e.position));
    expect(all).toEqual(upTo(total, 2));
    const counted = await collect(store.readAll({ after: 500n, maxCount: 1200 }));
    expect(counted.map((e) => Number(e.position))).toEqual(upTo(1200, 501));
    await store.close();
  });
});
