import { KurrentDbEventStore } from '../../src/event-store/kurrentdb/kurrentdb-event-store';
import { startKurrentDbDouble } from '../support/kurrentdb-double';
import { eventStoreContract } from './event-store.contract';

describe('EventStore contract: KurrentDB adapter over the in-process protocol double (real client, real socket)', () => {
  eventStoreContract(async () => {
    const double = await startKurrentDbDouble();
    const store = KurrentDbEventStore.connect(double.connectionString);
    return {
      store,
      activeSubscriptions: () => store.activeSubscriptions,
      teardown: async () => {
        await store.close();
        await double.dispose();
      },
    };
  });
});
