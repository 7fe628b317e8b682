import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { REGISTRY_CONFIG, type RegistryConfig } from '../config/registry-config';
import { EVENT_STORE, type EventStore } from './event-store.port';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

/** Opens the configured adapter; the rest of the application only sees the port. */
export async function openEventStore(config: RegistryConfig): Promise<EventStore> {
  if (config.eventStore === 'kurrentdb') {
    return KurrentDbEventStore.connect(config.kurrentdbConnectionString ?? '');
  }
  return new SqliteEventStore({
    file: join(config.dataDir, 'events.sqlite'),
    synchronous: config.sqliteSynchronous,
  });
}

@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [REGISTRY_CONFIG],
      useFactory: openEventStore,
    },
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
