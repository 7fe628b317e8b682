import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../event-store/sqlite/sqlite-event-store';
import { watchHeldReads } from '../../../test/support/held-reads';
import type { CommandContext } from './command-context';
import { StreamWriter } from './stream-writer';

const context: CommandContext = { actor: 'tester', correlationId: 'c-1', causationId: 'c-1' };
const noted = (n: number) => [{ type: 'Noted', data: { n } }];

describe('StreamWriter', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'registry-stream-writer-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), synchronous: 'OFF' });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps nothing of the loaded stream while its append waits for the commit', async () => {
    const writer = new StreamWriter(store);
    for (let n = 0; n < 20; n++) await writer.write('s', 'notes-1', context, async () => noted(n));
    const watch = watchHeldReads(store);

    const written = writer.write('s', 'notes-1', context, async (loaded) => {
      expect(loaded.events).toHaveLength(20);
      return noted(20);
    });
    await watch.appending;

    expect(watch.read).toBe(20);
    expect(await watch.reachableAfterCollection()).toBe(0);
    watch.release();
    await expect(written).resolves.toMatchObject({ id: 's', revision: 20n });
    const last = [];
    for await (const event of store.readStream('notes-1', { fromRevision: 19n })) last.push(event);
    // Appended at the revision read, chained to the last event read.
    expect(last.map((e) => e.revision)).toEqual([19n, 20n]);
    expect(last[1].metadata.previousHash).toBe(last[0].metadata.hash);
  });
});
