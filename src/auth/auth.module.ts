import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { REGISTRY_CONFIG, type RegistryConfig } from '../config/registry-config';
import { ApiKeyStore } from './api-key-store';
import { AuthGuard, OIDC_VERIFIER } from './auth.guard';
import { OidcVerifier } from './oidc-verifier';

/**
 * Authentication and roles for the whole app: the API key store (`keys.sqlite` in the data
 * folder), the OIDC verifier when configured, and `AuthGuard` as a global guard.
 */
@Module({
  providers: [
    {
      provide: ApiKeyStore,
      useFactory: (config: RegistryConfig) => ApiKeyStore.inDataDir(config.dataDir),
      inject: [REGISTRY_CONFIG],
    },
    {
      provide: OIDC_VERIFIER,
      useFactory: (config: RegistryConfig) => (config.oidc ? new OidcVerifier(config.oidc) : null),
      inject: [REGISTRY_CONFIG],
    },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
})
export class AuthModule implements OnApplicationShutdown {
  constructor(@Inject(ApiKeyStore) private readonly keys: ApiKeyStore) {}

  onApplicationShutdown(): void {
    this.keys.close();
  }
}
