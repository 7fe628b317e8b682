import { Inject, Injectable, Logger } from '@nestjs/common';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onResponseHookHandler,
  onSendHookHandler,
} from 'fastify';
import { IdempotencyStore } from './idempotency-store';
import { type PendingClaim, PendingClaims } from './pending-claims';

/** The response headers a replay repeats; the rest belong to the request that gets them. */
const KEPT_HEADERS = ['content-type', 'etag', 'location'] as const;

/**
 * Settles each claimed key when its answer goes out (Fastify `onSend`, which sees every answer of
 * a route, also those the route or the problem filter sends itself): a 2xx answer is kept for
 * replay, a 4xx (refused before anything was recorded) releases the key, and a 5xx, which may have
 * come after the events were recorded, abandons it: the retry looks for them first. `onResponse`
 * releases a claim whose answer was never sent.
 *
 * Route hooks of the POST routes only (the only requests `IdempotencyGuard` claims keys for), so
 * that reads do not pay for them: `configureHttp` calls `install` before Nest registers its routes.
 */
@Injectable()
export class IdempotencyHooks {
  private readonly logger = new Logger('Idempotency');
  private installed = false;

  constructor(
    @Inject(IdempotencyStore) private readonly store: IdempotencyStore,
    @Inject(PendingClaims) private readonly pending: PendingClaims,
  ) {}

  /** Whether `install` ran (`IdempotencyModule` refuses to start an HTTP app without it). */
  get isInstalled(): boolean {
    return this.installed;
  }

  /** Adds the hooks to every POST route registered from now on. */
  install(fastify: FastifyInstance): void {
    this.installed = true;
    // Callback hooks, not async ones.
    const onSend: onSendHookHandler = (request, reply, payload, done) => {
      this.settle(request, reply, payload);
      done(null, payload);
    };
    const onResponse: onResponseHookHandler = (request, _reply, done) => {
      const claim = this.pending.take(request.raw);
      if (claim) release(this.store, claim);
      done();
    };
    fastify.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (!methods.some((method) => String(method).toUpperCase() === 'POST')) return;
      route.onSend = [...hooksOf(route.onSend), onSend];
      route.onResponse = [...hooksOf(route.onResponse), onResponse];
    });
  }

  private settle(request: FastifyRequest, reply: FastifyReply, payload: unknown): void {
    const claim = this.pending.take(request.raw);
    if (!claim) return;
    try {
      const body = bodyOf(payload);
      if (reply.statusCode >= 200 && reply.statusCode < 300 && body !== undefined) {
        this.store.complete(claim.principal, claim.key, {
          status: reply.statusCode,
          headers: keptHeaders(reply),
          body,
        });
      } else if (reply.statusCode >= 500) {
        this.store.abandon(claim.principal, claim.key);
      } else {
        this.store.release(claim.principal, claim.key);
      }
    } catch (error) {
      // The answer still goes out. The claim stays in flight and lapses with its lease: a retry
      // then looks for what this request recorded instead of recording it again.
      this.logger.error(
        `Could not keep the answer to an idempotent request: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

function bodyOf(payload: unknown): string | undefined {
  if (payload === undefined || payload === null) return '';
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  return undefined; // a stream: not kept, the key is released
}

function keptHeaders(reply: FastifyReply): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = reply.getHeader(name);
    if (value !== undefined) kept[name] = String(value);
  }
  return kept;
}

function release(store: IdempotencyStore, claim: PendingClaim): void {
  try {
    store.release(claim.principal, claim.key);
  } catch {
    // nothing more to do: the claim lapses with its lease
  }
}

function hooksOf<T>(hooks: T | T[] | undefined): T[] {
  if (hooks === undefined) return [];
  return Array.isArray(hooks) ? hooks : [hooks];
}
