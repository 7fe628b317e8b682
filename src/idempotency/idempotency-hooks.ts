import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IdempotencyStore } from './idempotency-store';
import { type PendingClaim, PendingClaims } from './pending-claims';

/** The response headers a replay repeats; the rest belong to the request that gets them. */
const KEPT_HEADERS = ['content-type', 'etag', 'location'] as const;

/**
 * Settles each claimed key when its answer goes out (Fastify `onSend`, which sees every answer,
 * also those a route or the problem filter sends itself): a 2xx answer is kept for replay, a 4xx
 * (refused before anything was recorded) releases the key, and a 5xx, which may have come after
 * the events were recorded, abandons it: the retry looks for them first. `onResponse` releases a
 * claim whose answer was never sent.
 */
@Injectable()
export class IdempotencyHooks implements OnModuleInit {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(IdempotencyStore) private readonly store: IdempotencyStore,
    @Inject(PendingClaims) private readonly pending: PendingClaims,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    // Callback hooks, not async ones: every answer passes here, and most have no claim.
    fastify.addHook('onSend', (request, reply, payload, done) => {
      this.settle(request, reply, payload);
      done(null, payload);
    });
    fastify.addHook('onResponse', (request, _reply, done) => {
      const claim = this.pending.take(request.raw);
      if (claim) release(this.store, claim);
      done();
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
