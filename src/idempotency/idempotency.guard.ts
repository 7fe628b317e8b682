import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { PROBLEM_CONTENT_TYPE, problemType, titleOf } from '../http/problems/problem-details';
import { ProblemException } from '../http/problems/problem.exception';
import { markIdempotent } from '../http/request-context/command-context-of';
import { principalOf } from '../http/request-context/principal';
import { PresetAnswer } from '../http/responses/preset-answer';
import { idempotencyDigest, idempotencyKeyFrom, requestFingerprint } from './idempotency-key';
import { IdempotencyStore, type StoredResponse } from './idempotency-store';
import { PendingClaims } from './pending-claims';
import { recordedByKey } from './recorded-by-key';

/** Header set on an answer replayed for a repeated key. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * `Idempotency-Key` on POSTs. A key new to the principal is claimed and the request runs; its 2xx
 * answer is kept (by the `onSend` hook of `IdempotencyHooks`) and replayed for the same key and
 * the same request, without running the command again. The same key with another request is 422,
 * and while the first is still running 409. A refused request (4xx) keeps nothing: a retry runs
 * again; after a 5xx the retry first looks for what the request may have recorded (below).
 *
 * A global guard, installed by `configureHttp` after authentication (keys are scoped to the
 * verified principal), not an interceptor: a route without interceptors skips Nest's per-request
 * RxJS chain, which every read would otherwise pay for a header only writes use. A replay is
 * thrown as a `PresetAnswer`, which the problem filter sends as it was kept.
 *
 * The events a keyed request records carry its digest in their metadata. When an attempt's answer
 * was lost (its server died before keeping it, or could not keep it) and its claim has lapsed, a
 * retry first looks for those events after the log head the attempt saw: if there are any, the
 * command is not run again and the retry gets (and every later one is replayed) a 409
 * `idempotency-key-applied` naming their positions.
 */
@Injectable()
export class IdempotencyGuard implements CanActivate {
  constructor(
    @Inject(IdempotencyStore) private readonly store: IdempotencyStore,
    @Inject(PendingClaims) private readonly pending: PendingClaims,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.method !== 'POST') return true;
    const key = idempotencyKeyFrom(request.headers['idempotency-key']);
    if (key === undefined) return true;
    return this.claim(request, key);
  }

  private async claim(request: FastifyRequest, key: string): Promise<boolean> {
    const principal = principalOf(request);
    const fingerprint = requestFingerprint(request.method, request.url, request.body);
    const digest = idempotencyDigest(principal, key);
    const head = await this.events.headPosition();
    const claim = this.store.claim(principal, key, fingerprint, head);
    switch (claim.kind) {
      case 'claimed': {
        const recorded =
          claim.lapsed && (await this.recorded(principal, key, digest, claim.lapsed.after));
        if (recorded) {
          const answer = appliedAnswer(request.url, recorded.positions);
          this.store.complete(principal, key, answer);
          throw new PresetAnswer(answer.status, answer.headers, answer.body);
        }
        this.pending.add(request.raw, { principal, key });
        markIdempotent(request, digest);
        return true;
      }
      case 'replay': {
        const { status, headers, body } = claim.response;
        throw new PresetAnswer(status, { ...headers, [REPLAYED_HEADER]: 'true' }, body);
      }
      case 'reused':
        throw new ProblemException({
          status: 422,
          code: 'idempotency-key-reused',
          detail:
            'This Idempotency-Key was already used for a different request (method, path or body); nothing was written. Use a new key for a new request.',
          errors: [{ header: 'Idempotency-Key', detail: 'already used for a different request' }],
        });
      case 'in-flight':
        throw new ProblemException({
          status: 409,
          code: 'idempotency-key-in-flight',
          detail:
            'A request with this Idempotency-Key is still being handled; nothing was written. Retry after a moment to get its answer.',
          headers: { 'Retry-After': '1' },
        });
    }
  }

  /**
   * What the lapsed attempt recorded. If the log cannot be read, the claim is abandoned again (and
   * the error answered): the next retry looks again rather than running the command.
   */
  private async recorded(principal: string, key: string, digest: string, after?: bigint) {
    try {
      return await recordedByKey(this.events, after, digest);
    } catch (error) {
      this.store.abandon(principal, key);
      throw error;
    }
  }
}

function appliedAnswer(url: string, positions: readonly bigint[]): StoredResponse {
  const code = 'idempotency-key-applied';
  return {
    status: 409,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE },
    body: JSON.stringify({
      type: problemType(code),
      title: titleOf(code),
      status: 409,
      detail: `A request with this Idempotency-Key was recorded before (events at positions ${positions.join(', ')}) but its answer was lost; it was not recorded again. Read the resources it changed to see the outcome.`,
      instance: url,
    }),
  };
}
