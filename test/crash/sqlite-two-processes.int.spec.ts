import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { exited, spawnTs } from '../support/child-process';
import { collect, eventsOf, take } from '../support/events';

describe('SQLite event store shared by several processes', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'registry-two-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serialises two writer processes without a busy error and wakes a reader by polling', async () => {
    const file = join(dir, 'events.sqlite');
    const reader = new SqliteEventStore({ file, pollIntervalMs: 50 });
    const subscription = reader.subscribe();
    try {
      await take(subscription, (m) => m.some((x) => x.kind === 'caught-up'));
      const writers = ['one', 'two'].map((name) => {
        const child = spawnTs('test/crash/sqlite-writer.child.ts', [file, name, '300']);
        let errors = '';
        child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
        return exited(child).then((code) => ({ code, errors }));
      });

      const received = eventsOf(await take(subscription, (m) => m.length >= 600, 30_000));
      expect(await Promise.all(writers)).toEqual([
        { code: 0, errors: '' },
        { code: 0, errors: '' },
      ]);
      expect(received.map((e) => e.revision)).toEqual(received.map((_, i) => BigInt(i)));
      const stored = await collect(reader.readStream('shared'));
      expect(stored).toHaveLength(600);
      for (const name of ['one', 'two']) {
        const mine = stored.filter((e) => (e.data as { name: string }).name === name);
        expect(mine.map((e) => (e.data as { n: number }).n)).toEqual([...Array(300).keys()]);
      }
    } finally {
      await subscription.close();
      await reader.close();
    }
  }, 60_000);
});
