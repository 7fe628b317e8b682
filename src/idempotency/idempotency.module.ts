import { Inject, Module, type OnModuleDestroy } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { join } from 'node:path';
import { REGISTRY_CONFIG, type RegistryConfig } from '../config/registry-config';
import { IdempotencyHooks } from './idempotency-hooks';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency-store';
import { PendingClaims } from './pending-claims';

export const IDEMPOTENCY_FILE = 'idempotency.sqlite';
const PURGE_EVERY_MS = 60 * 60 * 1000;

/** `Idempotency-Key` on every POST, kept in `<data dir>/idempotency.sqlite` (README: Idempotent writes). */
@Module({
  providers: [
    {
      provide: IdempotencyStore,
      inject: [REGISTRY_CONFIG],
      useFactory: (config: RegistryConfig) =>
        new IdempotencyStore(join(config.dataDir, IDEMPOTENCY_FILE)),
    },
    PendingClaims,
    IdempotencyHooks,
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class IdempotencyModule implements OnModuleDestroy {
  private readonly purge: NodeJS.Timeout;

  constructor(@Inject(IdempotencyStore) private readonly store: IdempotencyStore) {
    this.purge = setInterval(() => store.purgeExpired(), PURGE_EVERY_MS);
    this.purge.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.purge);
    this.store.close();
  }
}
