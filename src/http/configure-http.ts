import type { CanActivate, INestApplicationContext, Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { errorCodes } from 'fastify';
import {
  REGISTRY_CONFIG,
  type RateLimit,
  type RegistryConfig,
  type TrustProxy,
} from '../config/registry-config';
import { AuthGuard } from '../auth/auth.guard';
import { IdempotencyHooks } from '../idempotency/idempotency-hooks';
import { IdempotencyGuard } from '../idempotency/idempotency.guard';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../projections/read-model-progress';
import { installLeanRoutes } from './lean-route/lean-route';
import { clientErrorAsProblem } from './problems/client-errors';
import { frameworkErrorAsProblem } from './problems/framework-errors';
import { ProblemDetailsFilter } from './problems/problem-details.filter';
import {
  DEFAULT_READ_YOUR_WRITES_TIMEOUT_MS,
  ReadYourWritesGuard,
} from './read-your-writes/read-your-writes.guard';
import { CORRELATION_ID_HEADER, correlationIdOf } from './request-context/command-context-of';
import { checkBody } from './validation/body-guard';
import { createValidationPipe } from './validation/validation-pipe';
import { corsOptions } from './security/cors';
import { RateLimitGuard } from './security/rate-limit.guard';
import {
  API_SECURITY_HEADERS,
  DOCS_SECURITY_HEADERS,
  isDocsRoute,
  type SecurityHeaders,
  securityHeadersOf,
} from './security/security-headers';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The security headers of a route other than the API's (the Swagger UI's). */
    securityHeaders?: SecurityHeaders;
  }
}

/** The largest request body accepted (413 beyond). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * How long a client has to send a whole request, headers and body (Fastify's `requestTimeout`,
 * off by default): a stalled upload then answers 408 and its connection is closed instead of
 * being held open for ever. Only the receiving is timed: a request received in full may take as
 * long as it needs to be answered (a streamed export, a read waiting for `minPosition`), and an
 * idle keep-alive connection is governed by Fastify's `keepAliveTimeout` (72 s), not this.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

export interface FastifyAdapterOptions {
  /** Which proxies to believe about the client's address (`RegistryConfig.trustProxy`). */
  readonly trustProxy?: TrustProxy;
  /** Time to receive a whole request (default `REQUEST_TIMEOUT_MS`; 0: none). Tests shorten it. */
  readonly requestTimeoutMs?: number;
}

/**
 * The Fastify adapter the app is created with: its body limit, request timeout and routing are set
 * here, and which proxies to believe about the client's address (`RegistryConfig.trustProxy`;
 * default none). What Fastify or Node refuse before any route runs answers a problem document
 * too: a bad URL (`frameworkErrors`) and a malformed or stalled request (`clientErrorHandler`).
 * Bodies are parsed with `__proto__` and `constructor` kept as plain keys
 * (`onProtoPoisoning: 'ignore'`: `JSON.parse` makes them own data properties, which touch no
 * prototype), so that `checkBody`, which runs before anything reads a body, refuses them with a
 * 422 pointing at the key, like every other key named after object machinery, instead of
 * Fastify's 400 "Body is not valid JSON" for a body that is valid JSON.
 */
export function createFastifyAdapter(options: FastifyAdapterOptions = {}): FastifyAdapter {
  const requestTimeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const adapter = new FastifyAdapter({
    trustProxy: fastifyTrustProxy(options.trustProxy ?? false),
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: frameworkErrorAsProblem,
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
    requestTimeout: requestTimeoutMs,
    ...(requestTimeoutMs > 0
      ? {
          http: {
            // Node looks for expired requests every 30 s by default: a 30 s timeout would cut
            // between 30 and 60 s. A tenth of the timeout (at most 1 s) keeps it near its value.
            connectionsCheckingInterval: Math.min(1000, Math.max(10, requestTimeoutMs / 10)),
            headersTimeout: Math.min(requestTimeoutMs, 60_000),
          },
        }
      : {}),
    clientErrorHandler: clientErrorAsProblem({ requestTimeoutMs }),
  });
  // Here, with the parser options that rely on it, not in `configureHttp`: an app made with this
  // adapter checks every body whatever else it installs.
  adapter.getInstance().addHook('preValidation', (request, _reply, done) => {
    // A callback hook, not an async one: no promise per request for the GETs without a body.
    done(request.body === undefined ? undefined : checkBody(request.body));
  });
  return adapter;
}

/** As Fastify takes it: a hop count as the function Fastify itself makes of one. */
function fastifyTrustProxy(
  trust: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return typeof trust === 'boolean' ? trust : [...trust];
}

export interface HttpOptions {
  /** How long a read with `minPosition` waits for the read models (default 2000 ms). */
  readonly readYourWritesTimeoutMs?: number;
  /** Requests per client IP and window; default the app's `RegistryConfig`, else unlimited. */
  readonly rateLimit?: RateLimit;
  /** Origins allowed cross-origin; default the app's `RegistryConfig`, else none. */
  readonly corsOrigins?: readonly string[] | '*';
}

/**
 * Installs the HTTP conventions on an app made with `createFastifyAdapter()`, before `init()` or
 * `listen()`: security headers, CORS, the global guards (rate limit, authentication,
 * read-your-writes, idempotency), problem details for every error, the validating pipe, an
 * `X-Correlation-Id` on every response, and the lean pipeline of the routes marked `@LeanRoute()`
 * (the same guards, pipe and filter without Nest's router). `main.ts` and the tests share it.
 */
export function configureHttp(app: NestFastifyApplication, options: HttpOptions = {}): void {
  const config = optionalProvider<RegistryConfig>(app, REGISTRY_CONFIG)();
  installHeaders(app);
  const cors = corsOptions(options.corsOrigins ?? config?.corsOrigins);
  if (cors) app.enableCors(cors);
  const guards = installGuards(app, options, config);
  const filter = new ProblemDetailsFilter();
  app.useGlobalFilters(filter);
  acceptJsonBodiesOnly(app);
  const pipe = createValidationPipe();
  app.useGlobalPipes(pipe);
  installLeanRoutes(app, { guards, pipes: [pipe], filter });
}

/** The guards `configureHttp` installed (modules whose guard must run check it at bootstrap). */
const installedGuards = new WeakSet<CanActivate>();

export function isInstalledGuard(guard: CanActivate): boolean {
  return installedGuards.has(guard);
}

/**
 * The global guards, in the order they run, each only where the app has what it needs:
 *
 * 1. the rate limit: every request counts, also those without or with bad credentials;
 * 2. authentication and roles (`AuthGuard`, with `AuthModule`): what the request may do;
 * 3. read-your-writes (GET): only a client allowed to read makes the registry wait;
 * 4. idempotency (POST, with `IdempotencyModule`): keys are scoped to the verified principal.
 *
 * Installed here, in one list, rather than as `APP_GUARD`/`APP_INTERCEPTOR` providers, whose order
 * Nest derives from module registration. No global interceptor is left: a route with none
 * skips Nest's RxJS chain on every request (README: Deviations from NestJS conventions).
 * `AuthModule` and `IdempotencyModule` refuse to start if their guard was not installed.
 */
function installGuards(
  app: NestFastifyApplication,
  options: HttpOptions,
  config: RegistryConfig | undefined,
): CanActivate[] {
  const guards: CanActivate[] = [];
  const rateLimit = options.rateLimit ?? config?.rateLimit;
  if (rateLimit && rateLimit.limit > 0)
    guards.push(new RateLimitGuard(rateLimit, app.get(Reflector)));
  const auth = optionalProvider(app, AuthGuard)();
  if (auth) guards.push(auth);
  guards.push(
    new ReadYourWritesGuard(
      optionalProvider<ReadModelProgress>(app, READ_MODEL_PROGRESS),
      options.readYourWritesTimeoutMs ?? DEFAULT_READ_YOUR_WRITES_TIMEOUT_MS,
    ),
  );
  const idempotency = optionalProvider(app, IdempotencyGuard)();
  if (idempotency) {
    guards.push(idempotency);
    // The hooks that keep its answers, on the POST routes Nest registers at init.
    optionalProvider(app, IdempotencyHooks)()?.install(app.getHttpAdapter().getInstance());
  }
  app.useGlobalGuards(...guards);
  for (const guard of guards) installedGuards.add(guard);
  return guards;
}

/**
 * Bodies are JSON: a form post (which any web page can send without a CORS preflight) answers 415
 * instead of being parsed into a command, as Nest's default parser would. Every parsed body is
 * then checked for depth, text and object-machinery keys (`checkBody`, installed with the
 * adapter by `createFastifyAdapter`) before guards, interceptors or pipes read it.
 */
function acceptJsonBodiesOnly(app: NestFastifyApplication): void {
  app.useBodyParser('application/x-www-form-urlencoded', {}, () => {
    throw new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE('application/x-www-form-urlencoded');
  });
}

/**
 * Helmet's security headers and an `X-Correlation-Id` on every answer, set first thing in one
 * `onRequest` hook, so they are on every answer, errors included. The API's JSON answers get the
 * headers that act on data (`API_SECURITY_HEADERS`), the Swagger UI's pages helmet's full set
 * with a page policy. Both sets are computed once by helmet (`securityHeadersOf`), instead of
 * registering `@fastify/helmet`, which runs helmet's whole middleware chain again on every
 * request: the same headers at a fraction of the cost.
 */
function installHeaders(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const api = securityHeadersOf(API_SECURITY_HEADERS);
  const docs = securityHeadersOf(DOCS_SECURITY_HEADERS);
  fastify.addHook('onRoute', (route) => {
    if (isDocsRoute(route.url)) route.config = { ...route.config, securityHeaders: docs };
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply
      .headers(request.routeOptions.config.securityHeaders ?? api)
      .header(CORRELATION_ID_HEADER, correlationIdOf(request));
    done();
  });
}

/** Looks a provider up when first needed (after modules are initialised); undefined if none. */
function optionalProvider<T>(
  app: INestApplicationContext,
  token: symbol | Type<T>,
): () => T | undefined {
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
