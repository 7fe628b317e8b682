import {
  type BeforeApplicationShutdown,
  Global,
  Inject,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { ChairpersonshipsReadController } from '../chairpersonships/read/chairpersonships-read.controller';
import { ChairpersonshipsReader } from '../chairpersonships/read/chairpersonships.reader';
import { REGISTRY_CONFIG, type RegistryConfig } from '../config/registry-config';
import { DecisionsReadController } from '../decisions/read/decisions-read.controller';
import { DECISIONS_PROJECTION } from '../decisions/read/decisions.projection';
import { DecisionsReader } from '../decisions/read/decisions.reader';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { RAW_EVENT_STORE } from '../event-store/raw-event-store.token';
import { AUDIT_INDEX_PROJECTION } from '../events-feed/audit/audit-index.projection';
import { AuditReader } from '../events-feed/audit/audit-reader';
import { EventsFeed } from '../events-feed/events-feed';
import { EventsFeedController } from '../events-feed/events-feed.controller';
import { FieldOperationsReadController } from '../field-operations/read/field-operations-read.controller';
import { FieldOperationsReader } from '../field-operations/read/field-operations.reader';
import { TimelineController } from '../field-operations/read/timeline.controller';
import { ParticipatingStatesReadController } from '../participating-states/read/participating-states-read.controller';
import { ParticipatingStatesReader } from '../participating-states/read/participating-states.reader';
import { allProjections } from './all-projections';
import { PROJECTIONS, type Projection } from './projection';
import { READ_MODEL_PROGRESS } from './read-model-progress';
import { ReadModels } from './read-models';

/** Readers are plain classes over the current read models (no Nest inside, so tests build them). */
const reader = <T>(type: new (source: ReadModels) => T): Provider => ({
  provide: type,
  inject: [ReadModels],
  useFactory: (readModels: ReadModels) => new type(readModels),
});

/**
 * The read side: `ReadModels` (the current read-model files and the engine feeding each from the
 * event store, started on bootstrap, stopped before the store closes, switched when a rebuild says
 * so), the readers (each on the file of its projection's part) and the read endpoints. Global so that `READ_MODEL_PROGRESS` (read-your-writes) and
 * `ReadModels` (health) reach any module.
 */
@Global()
@Module({
  controllers: [
    FieldOperationsReadController,
    TimelineController,
    DecisionsReadController,
    ParticipatingStatesReadController,
    ChairpersonshipsReadController,
    EventsFeedController,
  ],
  providers: [
    { provide: PROJECTIONS, useFactory: allProjections },
    {
      provide: ReadModels,
      inject: [EVENT_STORE, REGISTRY_CONFIG, PROJECTIONS],
      useFactory: (store: EventStore, config: RegistryConfig, projections: Projection[]) =>
        new ReadModels(store, config.dataDir, projections),
    },
    { provide: READ_MODEL_PROGRESS, useExisting: ReadModels },
    reader(FieldOperationsReader),
    {
      provide: DecisionsReader,
      inject: [ReadModels],
      useFactory: (readModels: ReadModels) =>
        new DecisionsReader(readModels.sourceOf(DECISIONS_PROJECTION)),
    },
    reader(ParticipatingStatesReader),
    reader(ChairpersonshipsReader),
    // Positions from the audit index, the events at them from the store (upcast).
    {
      provide: AuditReader,
      inject: [ReadModels, EVENT_STORE],
      useFactory: (readModels: ReadModels, store: EventStore) =>
        new AuditReader(readModels.sourceOf(AUDIT_INDEX_PROJECTION), store),
    },
    {
      provide: EventsFeed,
      inject: [EVENT_STORE, AuditReader, RAW_EVENT_STORE],
      useFactory: (store: EventStore, audit: AuditReader, raw: EventStore) =>
        new EventsFeed(store, audit, raw),
    },
  ],
  exports: [ReadModels, READ_MODEL_PROGRESS],
})
export class ReadModelsModule
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  constructor(@Inject(ReadModels) private readonly readModels: ReadModels) {}

  onApplicationBootstrap(): void {
    this.readModels.start();
  }

  /** Before any `onApplicationShutdown`: the engine stops while the event store is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.readModels.stop();
  }

  onApplicationShutdown(): void {
    this.readModels.close();
  }
}
