import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CommandContext } from '../../shared/application/command-context';
import { principalOf } from './principal';
import { correlationIdFrom, expectedRevisionFrom, reasonFrom } from './request-headers';

export const CORRELATION_ID_HEADER = 'X-Correlation-Id';

/**
 * The correlation id on the request object itself: every request gets one (the `onRequest` hook
 * sets it), and a WeakMap entry per request costs the garbage collector an ephemeron each.
 */
const CORRELATION_ID = Symbol('correlationId');
type WithCorrelationId = FastifyRequest & { [CORRELATION_ID]?: string };

const idempotencyKeys = new WeakMap<FastifyRequest, string>();

/** Marks the events `request` records with its idempotency digest (set by the idempotency guard). */
export function markIdempotent(request: FastifyRequest, digest: string): void {
  idempotencyKeys.set(request, digest);
}

/** The request's correlation id, chosen once per request (see `correlationIdFrom`). */
export function correlationIdOf(request: FastifyRequest): string {
  return ((request as WithCorrelationId)[CORRELATION_ID] ??= correlationIdFrom(
    request.headers['x-correlation-id'],
  ));
}

/** Who asks and why, from the request's principal and headers; echoes the correlation id. */
export function commandContextOf(request: FastifyRequest, reply: FastifyReply): CommandContext {
  const correlationId = correlationIdOf(request);
  void reply.header(CORRELATION_ID_HEADER, correlationId);
  const reason = reasonFrom(request.headers['x-reason']);
  const expectedRevision = expectedRevisionFrom(request.headers['if-match']);
  const idempotencyKey = idempotencyKeys.get(request);
  return {
    actor: principalOf(request),
    correlationId,
    // A request is the cause of what it records; it has no earlier message to point at.
    causationId: correlationId,
    ...(reason !== undefined ? { reason } : {}),
    ...(expectedRevision !== undefined ? { expectedRevision } : {}),
    ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
  };
}
