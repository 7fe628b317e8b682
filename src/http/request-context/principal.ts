import type { FastifyRequest } from 'fastify';

export const ANONYMOUS = 'anonymous';

/**
 * Who is asking: the single place where the authenticated principal will be read once
 * authentication exists (from what a guard verified, never from the body). Until then, everyone
 * is `anonymous`.
 */
export function principalOf(_request: FastifyRequest): string {
  return ANONYMOUS;
}
