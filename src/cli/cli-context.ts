import { readConfig, type RegistryConfig } from '../config/registry-config';
import { openEventStore } from '../event-store/event-store.module';
import type { EventStore } from '../event-store/event-store.port';

/** Runs `work` with the configured event store, closing it afterwards whatever happens. */
export async function withEventStore<T>(
  work: (store: EventStore, config: RegistryConfig) => Promise<T>,
  config: RegistryConfig = readConfig(),
): Promise<T> {
  const store = await openEventStore(config);
  try {
    return await work(store, config);
  } finally {
    await store.close();
  }
}
