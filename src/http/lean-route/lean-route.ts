import {
  type ArgumentMetadata,
  type CanActivate,
  type ExceptionFilter,
  ForbiddenException,
  type INestApplicationContext,
  type PipeTransform,
  RequestMethod,
  StreamableFile,
  type Type,
} from '@nestjs/common';
import {
  EXCEPTION_FILTERS_METADATA,
  FILTER_CATCH_EXCEPTIONS,
  GUARDS_METADATA,
  HEADERS_METADATA,
  HTTP_CODE_METADATA,
  INTERCEPTORS_METADATA,
  METHOD_METADATA,
  PIPES_METADATA,
  REDIRECT_METADATA,
  RENDER_METADATA,
  RESPONSE_PASSTHROUGH_METADATA,
  ROUTE_ARGS_METADATA,
  SSE_METADATA,
} from '@nestjs/common/constants.js';
import { ApplicationConfig } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { type NestFastifyApplication, RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { Stream } from 'node:stream';
import { isObservable, lastValueFrom } from 'rxjs';

/** The key of the Fastify route config `@LeanRoute()` sets. */
export const LEAN_ROUTE = 'leanRoute';

/** The controller method a lean route calls. */
export interface LeanRouteTarget {
  readonly controller: Type<object>;
  readonly method: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by `@LeanRoute()`: the route runs Nest's request pipeline without its machinery. */
    leanRoute?: LeanRouteTarget;
  }
}

/**
 * Marks a hot read for the lean pipeline (`installLeanRoutes`): the same global guards, pipes and
 * exception filter as Nest, in the same order, called directly instead of through Nest's router
 * (its per-request promise chain, execution contexts, interceptor and response machinery cost
 * about 15 us of a ~55 us detail read). Only for handlers that return their JSON answer (or a
 * promise of it), take `@Param`, `@Query`, `@Req` or `@Res({ passthrough: true })`, and have no
 * guards, interceptors, pipes, filters, `@HttpCode`, `@Header`, redirect, render or SSE of their
 * own: anything else refuses to start (`leanRouteHandler`).
 */
export function LeanRoute(): MethodDecorator {
  return (target, key, descriptor) => {
    const route: LeanRouteTarget = {
      controller: (target as { constructor: Type<object> }).constructor,
      method: String(key),
    };
    RouteConfig({ [LEAN_ROUTE]: route })(target, key, descriptor);
  };
}

/** What Nest would run around every route: the app's global guards, pipes and filter. */
export interface LeanPipeline {
  readonly guards: readonly CanActivate[];
  readonly pipes: readonly PipeTransform[];
  /** Catches everything (`@Catch()`), as the app's one global filter. */
  readonly filter: ExceptionFilter;
}

// Nest's RouteParamtypes (`@nestjs/common/internal`): the kinds of argument a lean route takes.
const REQUEST = 0;
const RESPONSE = 1;
const QUERY = 4;
const PARAM = 5;

interface Argument {
  readonly index: number;
  readonly extract: (request: FastifyRequest, reply: FastifyReply) => unknown;
  /** For the pipes, as Nest gives it (`ArgumentMetadata`); undefined: not piped. */
  readonly metadata?: ArgumentMetadata;
}

interface RouteArgMetadata {
  readonly index: number;
  readonly data?: unknown;
  readonly pipes?: readonly unknown[];
}

/**
 * Replaces the handler Nest registered for every route marked `@LeanRoute()` (Fastify `onRoute`)
 * with `leanRouteHandler`. Installed before Nest registers its routes (in `configureHttp`).
 */
export function installLeanRoutes(app: NestFastifyApplication, pipeline: LeanPipeline): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRoute', (route) => {
    const target = route.config?.leanRoute;
    // The HEAD route Fastify adds for a GET is made from the GET's options, handler included.
    if (!target || isLeanRoute(route.handler)) return;
    const handler = leanRouteHandler(app, target, pipeline);
    leanHandlers.add(handler);
    route.handler = handler;
  });
}

const leanHandlers = new WeakSet<object>();

/** Whether a Fastify route handler is a lean pipeline (for tests). */
export function isLeanRoute(handler: unknown): boolean {
  return typeof handler === 'function' && leanHandlers.has(handler);
}

/**
 * The lean pipeline of one route, what Nest's `RouterExecutionContext` does for it, in the same
 * order: an empty path parameter is not found (as Nest's Fastify adapter answers); the global
 * guards in order (false: 403); each argument through the global pipes; the handler; its answer
 * sent with the status Nest gives the method; any exception to the global filter. Promises are
 * awaited only where a guard, pipe or handler returns one. Checks at start that the route and the
 * app have nothing this does not do (more filters, interceptors, route-level guards or pipes...).
 */
export function leanRouteHandler(
  app: INestApplicationContext,
  target: LeanRouteTarget,
  pipeline: LeanPipeline,
): RouteHandlerMethod {
  checkGlobals(app, pipeline);
  const { controller, method } = target;
  const callback = (controller.prototype as Record<string, unknown>)[method];
  if (typeof callback !== 'function') throw leanError(target, 'is not a method');
  checkRouteMetadata(target, callback);
  const args = argumentsOf(target);
  const argsLength = Math.max(0, ...args.map((a) => a.index + 1));
  const { guards, pipes, filter } = pipeline;
  // Resolved now (Nest registers routes once every instance exists): a scoped one fails at start.
  const instance = app.get<object>(controller, { strict: false });

  /**
   * Runs as far as it can synchronously; returns what to wait for before the next step (the
   * run remembers where it is), or undefined once the answer is sent.
   */
  const step = (run: LeanRun): PromiseLike<unknown> | undefined => {
    while (run.guard < guards.length) {
      const allowed = guards[run.guard++].canActivate(run.context);
      if (typeof allowed !== 'boolean') {
        return settle(allowed).then((ok) => {
          if (!ok) throw forbidden();
        });
      }
      if (!allowed) throw forbidden();
    }
    while (run.arg < args.length) {
      const arg = args[run.arg];
      if (!run.extracted) {
        run.value = arg.extract(run.request, run.reply);
        run.extracted = true;
      }
      while (arg.metadata && run.pipe < pipes.length) {
        const value: unknown = pipes[run.pipe++].transform(run.value, arg.metadata);
        if (isThenable(value)) return Promise.resolve(value).then((v) => (run.value = v));
        run.value = value;
      }
      run.values[arg.index] = run.value;
      run.arg++;
      run.pipe = 0;
      run.extracted = false;
    }
    if (!run.called) {
      run.called = true;
      void run.reply.code(200);
      const result = (callback as (...a: unknown[]) => unknown).apply(instance, run.values);
      if (isThenable(result)) return Promise.resolve(result).then((v) => (run.result = v));
      run.result = result;
    }
    if (!isJsonAnswer(run.result)) throw leanError(target, 'answered something other than JSON');
    void run.reply.send(run.result);
    return undefined;
  };

  const drive = (run: LeanRun): Promise<void> | undefined => {
    let pending: PromiseLike<unknown> | undefined;
    try {
      pending = step(run);
    } catch (error) {
      filter.catch(error, run.context);
      return undefined;
    }
    if (pending === undefined) return undefined;
    return Promise.resolve(pending).then(
      () => drive(run),
      (error: unknown) => {
        filter.catch(error, run.context);
      },
    );
  };

  // Not an async function: a read whose guards, pipes and handler answer at once is sent before
  // the handler returns, without a promise for Fastify to wait on.
  return function leanRoute(request: FastifyRequest, reply: FastifyReply) {
    const params = request.params as Record<string, string> | undefined;
    for (const name in params) {
      if (params[name] === '' && name !== '*') return reply.callNotFound();
    }
    const context = new ExecutionContextHost([request, reply, undefined], controller, callback);
    context.setType('http');
    return drive(new LeanRun(request, reply, context, argsLength));
  };
}

/** Where one request is in the lean pipeline. */
class LeanRun {
  guard = 0;
  arg = 0;
  pipe = 0;
  extracted = false;
  value: unknown = undefined;
  called = false;
  result: unknown = undefined;
  readonly values: unknown[];

  constructor(
    readonly request: FastifyRequest,
    readonly reply: FastifyReply,
    readonly context: ExecutionContextHost,
    argsLength: number,
  ) {
    this.values = new Array<unknown>(argsLength);
  }
}

/** What Nest throws when a guard answers false. */
const forbidden = () => new ForbiddenException('Forbidden resource');

function checkGlobals(app: INestApplicationContext, pipeline: LeanPipeline): void {
  const config = app.get(ApplicationConfig);
  const same = (a: readonly unknown[], b: readonly unknown[]) =>
    a.length === b.length && a.every((x, i) => x === b[i]);
  const problems = [
    !same(config.getGlobalGuards(), pipeline.guards) && 'global guards',
    !same(config.getGlobalPipes(), pipeline.pipes) && 'global pipes',
    !same(config.getGlobalFilters(), [pipeline.filter]) && 'global filters',
    config.getGlobalInterceptors().length > 0 && 'global interceptors',
    config.getGlobalRequestGuards().length > 0 && 'APP_GUARD providers',
    config.getGlobalRequestPipes().length > 0 && 'APP_PIPE providers',
    config.getGlobalRequestFilters().length > 0 && 'APP_FILTER providers',
    config.getGlobalRequestInterceptors().length > 0 && 'APP_INTERCEPTOR providers',
  ].filter((problem): problem is string => typeof problem === 'string');
  const caught = Reflect.getMetadata(FILTER_CATCH_EXCEPTIONS, pipeline.filter.constructor) as
    unknown[] | undefined;
  if (caught === undefined || caught.length > 0)
    problems.push('a filter that does not catch everything');
  if (problems.length > 0) {
    throw new Error(
      `Lean routes run the global guards, pipes and filter configureHttp installed; the app differs in: ${problems.join(', ')}`,
    );
  }
}

function checkRouteMetadata(target: LeanRouteTarget, callback: object): void {
  for (const key of [
    GUARDS_METADATA,
    INTERCEPTORS_METADATA,
    PIPES_METADATA,
    EXCEPTION_FILTERS_METADATA,
  ]) {
    const own = [
      ...((Reflect.getMetadata(key, target.controller) as unknown[] | undefined) ?? []),
      ...((Reflect.getMetadata(key, callback) as unknown[] | undefined) ?? []),
    ];
    if (own.length > 0) throw leanError(target, `has its own ${key}`);
  }
  for (const key of [
    HTTP_CODE_METADATA,
    HEADERS_METADATA,
    REDIRECT_METADATA,
    RENDER_METADATA,
    SSE_METADATA,
  ]) {
    const value: unknown = Reflect.getMetadata(key, callback);
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) {
      throw leanError(target, `has ${key}`);
    }
  }
  const methods: unknown = Reflect.getMetadata(METHOD_METADATA, callback);
  if (methods !== RequestMethod.GET) throw leanError(target, 'is not a GET route');
}

/** The handler's arguments from Nest's own parameter metadata; anything unsupported refuses. */
function argumentsOf(target: LeanRouteTarget): Argument[] {
  const metadata =
    (Reflect.getMetadata(ROUTE_ARGS_METADATA, target.controller, target.method) as
      Record<string, RouteArgMetadata> | undefined) ?? {};
  const types =
    (Reflect.getMetadata(
      'design:paramtypes',
      target.controller.prototype as object,
      target.method,
    ) as unknown[] | undefined) ?? [];
  return Object.entries(metadata).map(([key, { index, data, pipes }]): Argument => {
    const type = Number(key.split(':')[0]);
    if (!/^\d+:\d+$/.test(key))
      throw leanError(target, `has a custom parameter decorator (${key})`);
    if (pipes && pipes.length > 0) throw leanError(target, `has pipes on parameter ${index}`);
    const metatype = types[index] as Type | undefined;
    switch (type) {
      case REQUEST:
        return { index, extract: (request) => request };
      case RESPONSE:
        if (
          Reflect.getMetadata(RESPONSE_PASSTHROUGH_METADATA, target.controller, target.method) !==
          true
        ) {
          throw leanError(target, 'sends its own answer (@Res without passthrough)');
        }
        return { index, extract: (_request, reply) => reply };
      case QUERY:
      case PARAM: {
        if (data !== undefined && typeof data !== 'string') {
          throw leanError(target, `has a parameter decorator with options (${key})`);
        }
        const kind = type === QUERY ? 'query' : 'param';
        const source = type === QUERY ? 'query' : 'params';
        return {
          index,
          extract: (request) => {
            const values = request[source] as Record<string, unknown> | undefined;
            return data === undefined ? values : values?.[data];
          },
          metadata: { type: kind, metatype, data },
        };
      }
      default:
        throw leanError(target, `takes a parameter of a kind it does not support (${key})`);
    }
  });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

async function settle(result: unknown): Promise<boolean> {
  const value: unknown = await result;
  return Boolean(isObservable(value) ? await lastValueFrom(value) : value);
}

/**
 * A value Fastify serializes as JSON, as Nest's adapter hands it over; not a stream, file,
 * Observable, buffer or error, which Nest's response handling treats apart.
 */
function isJsonAnswer(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'function';
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === Array.prototype) return true;
  return !(
    isObservable(value) ||
    value instanceof StreamableFile ||
    value instanceof Stream ||
    value instanceof Error ||
    value instanceof Uint8Array ||
    (typeof Response !== 'undefined' && value instanceof Response)
  );
}

function leanError(target: LeanRouteTarget, what: string): Error {
  return new Error(`@LeanRoute() ${target.controller.name}.${target.method} ${what}`);
}
