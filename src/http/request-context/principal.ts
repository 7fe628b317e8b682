import type { FastifyRequest } from 'fastify';
import { requestPrincipalOf } from '../../auth/request-principal';

export const ANONYMOUS = 'anonymous';

/**
 * Who is asking: the single place where a request's principal becomes the actor of what it
 * records. It is what the global `AuthGuard` (`src/auth/`) verified, never anything from the body:
 * `key:<name>` for an API key, the token's subject for OIDC. The guard lets no write through
 * without a `recorder` principal, so `anonymous` is only ever the actor where no guard runs (the
 * HTTP layer's own tests).
 */
export function principalOf(request: FastifyRequest): string {
  return requestPrincipalOf(request)?.actor ?? ANONYMOUS;
}
