import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anEvent, eventsOf, take } from '../../../test/support/events';
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
});
