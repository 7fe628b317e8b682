import {
  Inject,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { REGISTRY_CONFIG, type RegistryConfig } from '../config/registry-config';
import { isInstalledGuard } from '../http/configure-http';
import { ApiKeyStore } from './api-key-store';
import { AuthGuard, OIDC_VERIFIER } from './auth.guard';
import { OidcVerifier } from './oidc-verifier';

/**
 * Authentication and roles for the whole app: the API key store (`keys.sqlite` in the data
 * folder), the OIDC verifier when configured, and `AuthGuard`, which `configureHttp` installs as
 * a global guard (after the rate limit, before the guards that depend on the principal). An HTTP
 * app whose guard was not installed refuses to start rather than serve without authentication.
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
    AuthGuard,
  ],
})
export class AuthModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(ApiKeyStore) private readonly keys: ApiKeyStore,
    @Inject(AuthGuard) private readonly guard: AuthGuard,
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
  ) {}

  onApplicationBootstrap(): void {
    if (this.adapterHost.httpAdapter && !isInstalledGuard(this.guard)) {
      throw new Error('AuthGuard is not installed: configure the HTTP app with configureHttp()');
    }
  }

  onApplicationShutdown(): void {
    this.keys.close();
  }
}
