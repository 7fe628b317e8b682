import {
  type BeforeApplicationShutdown,
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { REGISTRY_CONFIG, type RegistryConfig } from '../config/registry-config';
import type { EventStore } from '../event-store/event-store.port';
import { RAW_EVENT_STORE } from '../event-store/raw-event-store.token';
import { AutomaticSealer } from './seal/automatic-sealer';
import { LedgerSealer } from './seal/ledger-sealer';
import { SealController } from './seal/seal.controller';
import { VerificationController } from './verify/verification.controller';

/**
 * Tamper evidence: verification and on-demand seals over HTTP, automatic seals every N events.
 * Everything here reads the raw store, so hashes are computed over events as stored (not upcast).
 */
@Module({
  controllers: [VerificationController, SealController],
  providers: [
    {
      provide: LedgerSealer,
      inject: [RAW_EVENT_STORE],
      useFactory: (store: EventStore) => new LedgerSealer(store),
    },
    {
      provide: AutomaticSealer,
      inject: [RAW_EVENT_STORE, LedgerSealer, REGISTRY_CONFIG],
      useFactory: (store: EventStore, sealer: LedgerSealer, config: RegistryConfig) =>
        new AutomaticSealer(store, sealer, config.sealEvery, new Logger('Seals')),
    },
  ],
})
export class AuditModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(AutomaticSealer) private readonly automatic: AutomaticSealer) {}

  onApplicationBootstrap(): void {
    this.automatic.start();
  }

  /** Before the event store closes in its own `onApplicationShutdown`. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.automatic.stop();
  }
}
