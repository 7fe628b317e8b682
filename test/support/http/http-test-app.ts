import type { ModuleMetadata } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import {
  configureHttp,
  createFastifyAdapter,
  type HttpOptions,
} from '../../../src/http/configure-http';

/**
 * A Nest app set up exactly as `main.ts` sets it up, ready for `app.inject(...)`. Whoever starts
 * it closes it: `await app.close()`.
 */
export async function startHttpTestApp(
  metadata: ModuleMetadata,
  options?: HttpOptions,
): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule(metadata).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), {
    logger: false,
  });
  configureHttp(app, options);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** The Content-Type of every problem answer (Fastify adds `; charset=utf-8`). */
export const PROBLEM_JSON = /^application\/problem\+json(;|$)/;
