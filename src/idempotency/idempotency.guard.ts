import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ProblemException } from '../http/problems/problem.exception';
import { principalOf } from '../http/request-context/principal';
import { PresetAnswer } from '../http/responses/preset-answer';
import { idempotencyKeyFrom, requestFingerprint } from './idempotency-key';
import { IdempotencyStore } from './idempotency-store';
import { PendingClaims } from './pending-claims';

/** Header set on an answer replayed for a repeated key. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * `Idempotency-Key` on POSTs. A key new to the principal is claimed and the request runs; its 2xx
 * answer is kept (by the `onSend` hook of `IdempotencyHooks`) and replayed for the same key and
 * the same request, without running the command again. The same key with another request is 422,
 * and while the first is still running 409. A failed request keeps nothing: a retry runs again.
 *
 * A global guard, installed by `configureHttp` after authentication (keys are scoped to the
 * verified principal), not an interceptor: a route without interceptors skips Nest's per-request
 * RxJS chain, which every read would otherwise pay for a header only writes use. A replay is
 * thrown as a `PresetAnswer`, which the problem filter sends as it was kept.
 */
@Injectable()
export class IdempotencyGuard implements CanActivate {
  constructor(
    @Inject(IdempotencyStore) private readonly store: IdempotencyStore,
    @Inject(PendingClaims) private readonly pending: PendingClaims,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.method !== 'POST') return true;
    const key = idempotencyKeyFrom(request.headers['idempotency-key']);
    if (key === undefined) return true;
    const principal = principalOf(request);
    const fingerprint = requestFingerprint(request.method, request.url, request.body);
    const claim = this.store.claim(principal, key, fingerprint);
    switch (claim.kind) {
      case 'claimed':
        this.pending.add(request.raw, { principal, key });
        return true;
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
}
