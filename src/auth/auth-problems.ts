import { ProblemException } from '../http/problems/problem.exception';
import type { RequiredAccess } from './access-policy';
import type { Principal } from './roles';

/** RFC 6750 challenge: every 401 names the scheme (and, for a bad token, `invalid_token`). */
export const REALM = 'registry';

/** 401: no credentials where some are needed, or credentials that do not authenticate. */
export function unauthorized(detail: string, invalidToken: boolean): ProblemException {
  return new ProblemException({
    status: 401,
    code: invalidToken ? 'invalid-credentials' : 'authentication-required',
    detail,
    headers: {
      'WWW-Authenticate': invalidToken
        ? `Bearer realm="${REALM}", error="invalid_token"`
        : `Bearer realm="${REALM}"`,
    },
  });
}

/** 403: authenticated, but without the role the request needs. */
export function forbidden(principal: Principal, access: RequiredAccess): ProblemException {
  const has =
    principal.roles.size === 0 ? 'no registry role' : `the role ${[...principal.roles].join(', ')}`;
  const needs =
    access === 'read' ? 'one of the roles reader, recorder or auditor' : `the role ${access}`;
  return new ProblemException({
    status: 403,
    code: 'forbidden',
    detail: `This request needs ${needs}; ${principal.actor} has ${has}.`,
  });
}

/** 503: the identity provider's keys cannot be fetched; the token may well be fine. */
export function identityProviderUnavailable(): ProblemException {
  return new ProblemException({
    status: 503,
    code: 'identity-provider-unavailable',
    detail:
      "The identity provider's signing keys cannot be fetched right now. Retry in a few seconds.",
    headers: { 'Retry-After': '5' },
  });
}
