import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ChairpersonshipsModule } from './chairpersonships/chairpersonships.module';
import { ConfigModule } from './config/config.module';
import type { RegistryConfig } from './config/registry-config';
import { DecisionsModule } from './decisions/decisions.module';
import { EventStoreModule } from './event-store/event-store.module';
import { ExportsModule } from './exports/exports.module';
import { FieldOperationsModule } from './field-operations/field-operations.module';
import { HealthController } from './health/health.controller';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { ParticipatingStatesModule } from './participating-states/participating-states.module';
import { ReadModelsModule } from './projections/read-models.module';
import { SeedModule } from './seed/seed.module';
import { ApplicationModule } from './shared/application/application.module';

@Module({})
export class AppModule {
  static register(config: RegistryConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        AuthModule,
        EventStoreModule,
        ApplicationModule,
        ReadModelsModule,
        FieldOperationsModule,
        DecisionsModule,
        ParticipatingStatesModule,
        ChairpersonshipsModule,
        SeedModule,
        AuditModule,
        ExportsModule,
        IdempotencyModule,
      ],
      controllers: [HealthController],
    };
  }
}
