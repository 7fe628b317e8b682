import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { eventStoreContract } from './event-store.contract';

const contractOn = (mmapBytes?: number) => async () => {
  const dir = mkdtempSync(join(tmpdir(), 'registry-contract-'));
  const store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), mmapBytes });
  return {
    store,
    activeSubscriptions: () => store.activeSubscriptions,
    teardown: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

describe('EventStore contract: SQLite (embedded, temporary file, synchronous=FULL)', () => {
  eventStoreContract(contractOn());
});

// SQLITE_MMAP_MB: stream reads on a second, memory-mapped connection; every promise the same.
describe('EventStore contract: SQLite with stream reads memory-mapped (SQLITE_MMAP_MB=16)', () => {
  eventStoreContract(contractOn(16 * 2 ** 20));
});
