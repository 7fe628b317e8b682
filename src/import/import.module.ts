import { type DynamicModule, Module } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ChairpersonshipsModule } from '../chairpersonships/chairpersonships.module';
import { ConfigModule } from '../config/config.module';
import type { RegistryConfig } from '../config/registry-config';
import { DecisionsModule } from '../decisions/decisions.module';
import { EventStoreModule } from '../event-store/event-store.module';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { FieldOperationsModule } from '../field-operations/field-operations.module';
import { ParticipatingStatesModule } from '../participating-states/participating-states.module';
import { ApplicationModule } from '../shared/application/application.module';
import type { WriteResult } from '../shared/application/write-result';
import { Importer } from './importer';

/** The importer over the command bus, for the seed inside the app. */
export const importerProvider = {
  provide: Importer,
  inject: [EVENT_STORE, CommandBus],
  useFactory: (store: EventStore, commands: CommandBus) =>
    new Importer(store, (command) => commands.execute<typeof command, WriteResult>(command)),
};

/** Just the write side, for the CLI: no HTTP server, no projections. */
@Module({})
export class ImportCliModule {
  static register(config: RegistryConfig): DynamicModule {
    return {
      module: ImportCliModule,
      imports: [
        ConfigModule.forRoot(config),
        EventStoreModule,
        ApplicationModule,
        FieldOperationsModule,
        DecisionsModule,
        ParticipatingStatesModule,
        ChairpersonshipsModule,
      ],
      providers: [importerProvider],
    };
  }
}
