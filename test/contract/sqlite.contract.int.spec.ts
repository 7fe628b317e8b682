import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { eventStoreContract } from './event-store.contract';

describe('EventStore contract: SQLite (embedded, temporary file, synchronous=FULL)', () => {
  eventStoreContract(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'registry-contract-'));
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    return {
      store,
      activeSubscriptions: () => store.activeSubscriptions,
      teardown: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
});
