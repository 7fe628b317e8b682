import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { REGISTRY_CONFIG, type RegistryConfig } from '../config/registry-config';
import { EVENT_STORE, type EventStore } from './event-store.port';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
import { RAW_EVENT_STORE } from './raw-event-store.token';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { registryUpcasters, UpcastingEventStore } from './upcasting';

export { RAW_EVENT_STORE };

/** The embedded store's file in the configured data folder. */
export function sqliteEventsFile(config: RegistryConfig): string {
  return join(config.dataDir, 'events.sqlite');
}

/** Opens the configured adapter: events exactly as stored. */
export async function openRawEventStore(config: RegistryConfig): Promise<EventStore> {
  if (config.eventStore === 'kurrentdb') {
    return KurrentDbEventStore.connect(config.kurrentdbConnectionString ?? '');
  }
  return new SqliteEventStore({
    file: sqliteEventsFile(config),
    synchronous: config.sqliteSynchronous,
    mmapBytes: config.sqliteMmapMb === undefined ? undefined : config.sqliteMmapMb * 2 ** 20,
    streamCopy: config.sqliteStreamCopy,
    warn: (message) => new Logger('EventStore').warn(message),
  });
}

/** Every read in the current schema: what commands, projections, replay and exports use. */
export function upcasting(raw: EventStore): UpcastingEventStore {
  return new UpcastingEventStore(raw, registryUpcasters());
}

/** Opens the configured adapter behind the upcasters; the rest of the application sees the port. */
export async function openEventStore(config: RegistryConfig): Promise<EventStore> {
  return upcasting(await openRawEventStore(config));
}

@Global()
@Module({
  providers: [
    { provide: RAW_EVENT_STORE, inject: [REGISTRY_CONFIG], useFactory: openRawEventStore },
    { provide: EVENT_STORE, inject: [RAW_EVENT_STORE], useFactory: upcasting },
  ],
  exports: [EVENT_STORE, RAW_EVENT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(RAW_EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
