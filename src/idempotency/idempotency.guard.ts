import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { RESPONSE_PASSTHROUGH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Observable, of } from 'rxjs';
import { ProblemException } from '../http/problems/problem.exception';
import { principalOf } from '../http/request-context/principal';
import { idempotencyKeyFrom, requestFingerprint } from './idempotency-key';
import { IdempotencyStore, type StoredResponse } from './idempotency-store';
import { PendingClaims } from './pending-claims';

/** Header set on an answer replayed for a repeated key. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * `Idempotency-Key` on POSTs. A key new to the principal is claimed and the request runs; its 2xx
 * answer is kept (by the `onSend` hook of `IdempotencyHooks`) and replayed for the same key and
 * the same request, without running the command again. The same key with another request is 422,
 * and while the first is still running 409. A failed request keeps nothing: a retry runs again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(IdempotencyStore) private readonly store: IdempotencyStore,
    @Inject(PendingClaims) private readonly pending: PendingClaims,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.method !== 'POST') return next.handle();
    const key = idempotencyKeyFrom(request.headers['idempotency-key']);
    if (key === undefined) return next.handle();
    const principal = principalOf(request);
    const fingerprint = requestFingerprint(request.method, request.url, request.body);
    const claim = this.store.claim(principal, key, fingerprint);
    switch (claim.kind) {
      case 'claimed':
        this.pending.add(request.raw, { principal, key });
        return next.handle();
      case 'replay':
        return replay(context, claim.response);
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

/**
 * Answers with the kept response. A route that sends its answer itself (`@Res()` without
 * passthrough) is answered here; any other gets a web `Response`, whose status and headers Nest
 * sends as they are.
 */
function replay(context: ExecutionContext, stored: StoredResponse): Observable<unknown> {
  const headers = { ...stored.headers, [REPLAYED_HEADER]: 'true' };
  if (routeSendsItself(context)) {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    void reply.status(stored.status).headers(headers).send(stored.body);
    return of(undefined);
  }
  return of(new Response(stored.body, { status: stored.status, headers }));
}

function routeSendsItself(context: ExecutionContext): boolean {
  const controller = context.getClass();
  const method = context.getHandler().name;
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as object;
  const takesReply = Object.keys(args).some((slot) => {
    const type = Number(slot.split(':')[0]);
    return type === Number(RouteParamtypes.RESPONSE) || type === Number(RouteParamtypes.NEXT);
  });
  return takesReply && !Reflect.getMetadata(RESPONSE_PASSTHROUGH_METADATA, controller, method);
}
