import { existsSync } from 'node:fs';
import { readConfig, type RegistryConfig } from '../config/registry-config';
import { openEventStore, sqliteEventsFile } from '../event-store/event-store.module';
import type { EventStore } from '../event-store/event-store.port';

/**
 * Runs `work` with the configured event store, closing it afterwards whatever happens. The
 * commands that use it (verify, seal, replay, rebuild) work on a registry's log: on SQLite, a data
 * folder without one is a mistyped REGISTRY_DATA_DIR, refused, rather than an empty log created on
 * the spot and reported on as if it were the registry's.
 */
export async function withEventStore<T>(
  work: (store: EventStore, config: RegistryConfig) => Promise<T>,
  config: RegistryConfig = readConfig(),
): Promise<T> {
  if (config.eventStore === 'sqlite' && !existsSync(sqliteEventsFile(config))) {
    throw new Error(
      `No event log at ${sqliteEventsFile(config)}: REGISTRY_DATA_DIR must name a registry's data folder (start the registry or import into it first)`,
    );
  }
  const store = await openEventStore(config);
  try {
    return await work(store, config);
  } finally {
    await store.close();
  }
}
