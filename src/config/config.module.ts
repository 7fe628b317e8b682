import { Global, Module } from '@nestjs/common';
import { REGISTRY_CONFIG, readConfig } from './registry-config';

@Global()
@Module({
  providers: [{ provide: REGISTRY_CONFIG, useFactory: () => readConfig() }],
  exports: [REGISTRY_CONFIG],
})
export class ConfigModule {}
