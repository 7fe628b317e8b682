import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import type { RegistryConfig } from './config/registry-config';
import { configureHttp, createFastifyAdapter } from './http';
import { documentIdempotencyKey } from './idempotency/idempotency.openapi';

/** Builds the whole application for a configuration; `main.ts` and the end-to-end tests share it. */
export async function createApp(
  config: RegistryConfig,
  options: { logger?: false } = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config),
    createFastifyAdapter({ trustProxy: config.trustProxy }),
    options.logger === false ? { logger: false } : {},
  );
  app.enableShutdownHooks();
  configureHttp(app);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('OSCE registry')
      .setDescription(
        'Event-sourced registry of OSCE field operations, decisions, participating States and Chairpersonships. Writes record domain events and need a bearer API key or OIDC token with the recorder role; audit endpoints and full exports need the auditor role. Reads serve projections on two time axes: asOf (valid time) and knownAt (recorded time). Errors are RFC 9457 problem documents.',
      )
      .setVersion('0.1.0')
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        description: 'API key (reg_...) or OIDC token',
      })
      .addSecurityRequirements('bearer')
      .build(),
  );
  documentIdempotencyKey(document);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}
