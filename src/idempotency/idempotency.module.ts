import { Inject, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { join } from 'node:path';
import { REGISTRY_CONFIG, type RegistryConfig } from '../config/registry-config';
import { IdempotencyHooks } from './idempotency-hooks';
import { isInstalledGuard } from '../http/configure-http';
import { IdempotencyGuard } from './idempotency.guard';
import { IdempotencyStore } from './idempotency-store';
import { PendingClaims } from './pending-claims';

export const IDEMPOTENCY_FILE = 'idempotency.sqlite';
const PURGE_EVERY_MS = 60 * 60 * 1000;

/**
 * `Idempotency-Key` on every POST, kept in `<data dir>/idempotency.sqlite` (README: Idempotent
 * writes). `configureHttp` installs `IdempotencyGuard` after authentication; an HTTP app without
 * it refuses to start rather than ignore the keys.
 */
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
    IdempotencyGuard,
  ],
})
export class IdempotencyModule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly purge: NodeJS.Timeout;

  constructor(
    @Inject(IdempotencyStore) private readonly store: IdempotencyStore,
    @Inject(IdempotencyGuard) private readonly guard: IdempotencyGuard,
    @Inject(IdempotencyHooks) private readonly hooks: IdempotencyHooks,
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
  ) {
    this.purge = setInterval(() => store.purgeExpired(), PURGE_EVERY_MS);
    this.purge.unref();
  }

  onApplicationBootstrap(): void {
    if (this.adapterHost.httpAdapter && !isInstalledGuard(this.guard)) {
      throw new Error(
        'IdempotencyGuard is not installed: configure the HTTP app with configureHttp()',
      );
    }
    if (this.adapterHost.httpAdapter && !this.hooks.isInstalled) {
      throw new Error(
        'The idempotency hooks are not installed: configure the HTTP app with configureHttp()',
      );
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.purge);
    this.store.close();
  }
}
