import { Module } from '@nestjs/common';
import { DEFAULT_BASE_IRI, REGISTRY_CONFIG, type RegistryConfig } from '../config/registry-config';
import { DECISIONS_PROJECTION } from '../decisions/read/decisions.projection';
import { DecisionsReader } from '../decisions/read/decisions.reader';
import { FieldOperationsReader } from '../field-operations/read/field-operations.reader';
import { ParticipatingStatesReader } from '../participating-states/read/participating-states.reader';
import { ReadModels } from '../projections/read-models';
import { ExportIris } from './export-iris';
import { ExportsController } from './exports.controller';
import { RegistrySnapshots } from './registry-snapshot';

/**
 * Exports of the read models (Popolo JSON, JSON-LD, CSV), through the read API's own readers over
 * `ReadModels` (provided globally by `ReadModelsModule`).
 */
@Module({
  controllers: [ExportsController],
  providers: [
    {
      provide: RegistrySnapshots,
      inject: [ReadModels],
      useFactory: (readModels: ReadModels) =>
        new RegistrySnapshots(
          new FieldOperationsReader(readModels),
          new DecisionsReader(readModels.sourceOf(DECISIONS_PROJECTION)),
          new ParticipatingStatesReader(readModels),
          () => readModels.aligned(),
        ),
    },
    {
      provide: ExportIris,
      inject: [REGISTRY_CONFIG],
      useFactory: (config: RegistryConfig) => new ExportIris(config.baseIri ?? DEFAULT_BASE_IRI),
    },
  ],
})
export class ExportsModule {}
