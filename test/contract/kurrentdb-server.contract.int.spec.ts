import { KurrentDbEventStore } from '../../src/event-store/kurrentdb/kurrentdb-event-store';
import { eventStoreContract } from './event-store.contract';

const connectionString = process.env.KURRENTDB_CONNECTION_STRING?.trim();

// Runs only against a real server, e.g. after `docker compose up kurrentdb` with
// KURRENTDB_CONNECTION_STRING=kurrentdb://localhost:2113?tls=false. Jest lists it as skipped otherwise.
const describeWithServer = connectionString ? describe : describe.skip;

if (!connectionString) {
  process.stdout.write(
    'EventStore contract: real KurrentDB SKIPPED (KURRENTDB_CONNECTION_STRING is not set)\n',
  );
}

describeWithServer(
  `EventStore contract: real KurrentDB server at ${connectionString ?? '(not configured: set KURRENTDB_CONNECTION_STRING to run)'}`,
  () => {
    eventStoreContract(async () => {
      const store = KurrentDbEventStore.connect(connectionString!);
      return {
        store,
        activeSubscriptions: () => store.activeSubscriptions,
        teardown: () => store.close(),
      };
    });
  },
);
