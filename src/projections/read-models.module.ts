import {
  type BeforeApplicationShutdown,
  Global,
  Inject,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { REGISTRY_CONFIG, type RegistryConfig } from '../config/registry-config';
import { DecisionsReadController } from '../decisions/read/decisions-read.controller';
import { DecisionsReader } from '../decisions/read/decisions.reader';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { EventsFeedController } from '../events-feed/events-feed.controller';
import { FieldOperationsReadController } from '../field-operations/read/field-operations-read.controller';
import { FieldOperationsReader } from '../field-operations/read/field-operations.reader';
import { ParticipatingStatesReadController } from '../participating-states/read/participating-states-read.controller';
import { ParticipatingStatesReader } from '../participating-states/read/participating-states.reader';
import { allProjections } from './all-projections';
import { PROJECTIONS, type Projection } from './projection';
import { ProjectionEngine } from './projection-engine';
import { openReadModelDatabase } from './read-model-database';
import { READ_MODEL_DATABASE } from './read-model-database.token';
import { READ_MODEL_PROGRESS } from './read-model-progress';

/** Opens the read-model file with every projection's tables, so readers can prepare at once. */
function openReadModels(
  config: RegistryConfig,
  projections: readonly Projection[],
): Database.Database {
  const db = openReadModelDatabase(join(config.dataDir, 'read-models.sqlite'));
  for (const projection of projections) projection.setup(db);
  return db;
}

/** Readers are plain classes over the read-model database (no Nest inside, so tests build them). */
const reader = <T>(type: new (db: Database.Database) => T): Provider => ({
  provide: type,
  inject: [READ_MODEL_DATABASE],
  useFactory: (db: Database.Database) => new type(db),
});

/**
 * The read side: the read-model database, the projection engine feeding it from the event store
 * (started on bootstrap, stopped before the store closes), the readers and the read endpoints.
 * Global so that `READ_MODEL_PROGRESS` (read-your-writes) and the engine (health) reach any module.
 */
@Global()
@Module({
  controllers: [
    FieldOperationsReadController,
    DecisionsReadController,
    ParticipatingStatesReadController,
    EventsFeedController,
  ],
  providers: [
    { provide: PROJECTIONS, useFactory: allProjections },
    {
      provide: READ_MODEL_DATABASE,
      inject: [REGISTRY_CONFIG, PROJECTIONS],
      useFactory: openReadModels,
    },
    {
      provide: ProjectionEngine,
      inject: [EVENT_STORE, READ_MODEL_DATABASE, PROJECTIONS],
      useFactory: (store: EventStore, db: Database.Database, projections: Projection[]) =>
        new ProjectionEngine(store, db, projections),
    },
    { provide: READ_MODEL_PROGRESS, useExisting: ProjectionEngine },
    reader(FieldOperationsReader),
    reader(DecisionsReader),
    reader(ParticipatingStatesReader),
  ],
  exports: [ProjectionEngine, READ_MODEL_PROGRESS, READ_MODEL_DATABASE],
})
export class ReadModelsModule
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  constructor(
    @Inject(ProjectionEngine) private readonly engine: ProjectionEngine,
    @Inject(READ_MODEL_DATABASE) private readonly db: Database.Database,
  ) {}

  onApplicationBootstrap(): void {
    this.engine.start();
  }

  /** Before any `onApplicationShutdown`: the engine stops while the event store is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.engine.stop();
  }

  onApplicationShutdown(): void {
    if (this.db.open) this.db.close();
  }
}
