import { type DynamicModule, Global, Module } from '@nestjs/common';
import { REGISTRY_CONFIG, type RegistryConfig } from './registry-config';

@Global()
@Module({})
export class ConfigModule {
  /** Provides the configuration read once at start (tests pass their own). */
  static forRoot(config: RegistryConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: REGISTRY_CONFIG, useValue: config }],
      exports: [REGISTRY_CONFIG],
    };
  }
}
