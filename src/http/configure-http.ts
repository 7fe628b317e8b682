import type { INestApplicationContext } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../projections/read-model-progress';
import { ProblemDetailsFilter } from './problems/problem-details.filter';
import {
  DEFAULT_READ_YOUR_WRITES_TIMEOUT_MS,
  ReadYourWritesInterceptor,
} from './read-your-writes/read-your-writes.interceptor';
import { CORRELATION_ID_HEADER, correlationIdOf } from './request-context/command-context-of';
import { createValidationPipe } from './validation/validation-pipe';

/** The largest request body accepted (413 beyond). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** The Fastify adapter the app is created with: its body limit and routing are set here. */
export function createFastifyAdapter(): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { ignoreTrailingSlash: true },
  });
}

export interface HttpOptions {
  /** How long a read with `minPosition` waits for the read models (default 2000 ms). */
  readonly readYourWritesTimeoutMs?: number;
}

/**
 * Installs the HTTP conventions on an app made with `createFastifyAdapter()`, before `init()` or
 * `listen()`: problem details for every error, the validating pipe, read-your-writes waits, and an
 * `X-Correlation-Id` on every response. `main.ts` and the tests share it.
 */
export function configureHttp(app: NestFastifyApplication, options: HttpOptions = {}): void {
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalInterceptors(
    new ReadYourWritesInterceptor(
      optionalProvider<ReadModelProgress>(app, READ_MODEL_PROGRESS),
      options.readYourWritesTimeoutMs ?? DEFAULT_READ_YOUR_WRITES_TIMEOUT_MS,
    ),
  );
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request, reply) => {
      void reply.header(CORRELATION_ID_HEADER, correlationIdOf(request));
    });
}

/** Looks a provider up when first needed (after modules are initialised); undefined if none. */
function optionalProvider<T>(app: INestApplicationContext, token: symbol): () => T | undefined {
  let found: T | undefined;
  return () => {
    if (found === undefined) {
      try {
        found = app.get<T>(token, { strict: false });
      } catch {
        return undefined;
      }
    }
    return found;
  };
}
