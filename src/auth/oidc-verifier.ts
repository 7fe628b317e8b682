import { Logger } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { OidcConfig } from '../config/registry-config';
import { isRole, type Principal, type Role } from './roles';

/** Signature algorithms accepted: asymmetric only, so a public JWKS can never mint a token. */
const ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
];
/** Clock skew tolerated between the identity provider and the registry for `exp` and `nbf`. */
export const CLOCK_TOLERANCE_SECONDS = 30;
const MAX_ACTOR_LENGTH = 256;

export type TokenCheck =
  | { readonly outcome: 'valid'; readonly principal: Principal }
  | { readonly outcome: 'invalid'; readonly reason: string }
  | { readonly outcome: 'unavailable' };

/**
 * Verifies OIDC access or ID tokens (JWTs) against the identity provider's JWKS: an asymmetric
 * signature by one of its keys, the configured issuer and audience, `exp` present and not past.
 * The principal is the `sub` claim (or the configured one), the roles are the registry's role
 * names found in the role claim (an array, or a space-separated string; a dotted name such as
 * `realm_access.roles` is also looked up as a path when no claim has that exact name).
 * The JWKS is fetched on first use, cached, and fetched again for an unknown key id (at most
 * every 30 s), so a key rotation at the provider needs no restart.
 */
export class OidcVerifier {
  private readonly logger = new Logger('Auth');
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly config: OidcConfig) {
    this.jwks = createRemoteJWKSet(new URL(config.jwksUrl), {
      timeoutDuration: 5_000,
      cooldownDuration: 30_000,
      cacheMaxAge: 10 * 60_000,
    });
  }

  async check(token: string): Promise<TokenCheck> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: ALGORITHMS,
        requiredClaims: ['exp'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      if (isProviderFailure(error)) {
        this.logger.warn(
          `The identity provider's JWKS (${this.config.jwksUrl}) could not be used: ${
            error instanceof Error ? error.message : String(error)
          }`,
        );
        return { outcome: 'unavailable' };
      }
      return { outcome: 'invalid', reason: reasonOf(error) };
    }
    const actor = payload[this.config.principalClaim];
    if (typeof actor !== 'string' || !isSaneActor(actor)) {
      return {
        outcome: 'invalid',
        reason: `the token has no usable "${this.config.principalClaim}" claim`,
      };
    }
    return {
      outcome: 'valid',
      principal: { actor, roles: rolesIn(claimAt(payload, this.config.roleClaim)), via: 'oidc' },
    };
  }
}

/** The JWKS could not be fetched or read: the provider's fault, not the client's. */
function isProviderFailure(error: unknown): boolean {
  if (!(error instanceof errors.JOSEError)) return true; // fetch failed, connection refused, ...
  return (
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid ||
    error.code === 'ERR_JOSE_GENERIC' // not 200 OK, or not JSON
  );
}

/** Why a token was refused, in words that reveal nothing about the registry's keys. */
function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    return `the token's "${error.claim}" claim is not accepted`;
  }
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey
  ) {
    return "the token's signature does not verify with the identity provider's keys";
  }
  if (error instanceof errors.JOSEAlgNotAllowed)
    return 'the token is signed with an algorithm not accepted';
  return 'the token is not a valid JWT';
}

/** Non-empty, at most 256 characters, no control characters (it goes into logs and CSV). */
function isSaneActor(actor: string): boolean {
  return (
    actor.length > 0 &&
    actor.length <= MAX_ACTOR_LENGTH &&
    ![...actor].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)
  );
}

/** A claim by its exact name, else by a dotted path into nested objects. */
export function claimAt(payload: Readonly<Record<string, unknown>>, name: string): unknown {
  if (Object.hasOwn(payload, name)) return payload[name];
  let value: unknown = payload;
  for (const part of name.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, part))
      return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The registry roles named by a claim's value: an array of names or a space-separated string. */
export function rolesIn(value: unknown): ReadonlySet<Role> {
  const names = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/\s+/) : [];
  return new Set(names.filter(isRole));
}
