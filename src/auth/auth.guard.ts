import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  Logger,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { REGISTRY_CONFIG, type RegistryConfig } from '../config/registry-config';
import { requiredAccess, type RequiredAccess } from './access-policy';
import { looksLikeApiKey } from './api-key';
import { ApiKeyStore } from './api-key-store';
import { forbidden, identityProviderUnavailable, unauthorized } from './auth-problems';
import { credentialsOf } from './bearer';
import { OidcVerifier } from './oidc-verifier';
import { setRequestPrincipal } from './request-principal';
import type { Principal } from './roles';

export const OIDC_VERIFIER = Symbol('OidcVerifier');

/**
 * The global guard (installed by `configureHttp`): decides what each request needs (`access-policy.ts`), checks the
 * bearer credentials when they are needed or given, and leaves the verified principal on the
 * request for `principalOf` (so the actor recorded is always the authenticated one). Credentials
 * that are sent are always checked, also on a public read: a revoked key fails loudly rather than
 * reading as anonymous. Health endpoints are never checked.
 *
 * Answers: 401 with `WWW-Authenticate: Bearer` (no, malformed, unknown, revoked or expired
 * credentials), 403 (valid, without the role), 503 (the OIDC provider's keys cannot be fetched).
 * Neither the answers nor the logs ever contain a presented key or token.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('Auth');
  private readonly publicReads: boolean;

  constructor(
    @Inject(REGISTRY_CONFIG) config: RegistryConfig,
    @Inject(ApiKeyStore) private readonly keys: ApiKeyStore,
    @Inject(OIDC_VERIFIER) private readonly oidc: OidcVerifier | null,
  ) {
    this.publicReads = config.publicReads ?? true;
  }

  /** Synchronous unless credentials are checked: an anonymous read awaits nothing. */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const access = requiredAccess({
      method: request.method,
      path: request.routeOptions?.url ?? request.url,
      query: request.query as Record<string, unknown> | undefined,
      accept: request.headers.accept,
    });
    if (access === 'public') return true;
    const credentials = credentialsOf(request.headers.authorization);
    if (credentials.kind === 'none') {
      if (access === 'read' && this.publicReads) return true;
      throw unauthorized(
        `This request needs ${access === 'read' ? 'credentials' : `the role ${access}`}: send an API key or token as Authorization: Bearer <key>.`,
        false,
      );
    }
    if (credentials.kind === 'unsupported') {
      throw unauthorized('The Authorization header must be "Bearer <key or token>".', false);
    }
    return this.authorize(credentials.token, request, access);
  }

  private async authorize(
    token: string,
    request: FastifyRequest,
    access: RequiredAccess,
  ): Promise<boolean> {
    const principal = await this.authenticate(token, request);
    setRequestPrincipal(request, principal);
    if (!allows(principal, access)) throw forbidden(principal, access);
    return true;
  }

  private async authenticate(token: string, request: FastifyRequest): Promise<Principal> {
    if (looksLikeApiKey(token) || !this.oidc) {
      const checked = this.keys.check(token);
      if (checked.outcome === 'valid') {
        return {
          actor: `key:${checked.key.name}`,
          roles: new Set([checked.key.role]),
          via: 'api-key',
        };
      }
      if (checked.outcome === 'revoked') {
        this.logger.warn(
          `Refused the revoked API key ${checked.key.id} ("${checked.key.name}", revoked ${checked.key.revokedAt}) on ${request.method} ${request.routeOptions?.url ?? ''}`,
        );
      }
      throw unauthorized('The API key is unknown or has been revoked.', true);
    }
    const checked = await this.oidc.check(token);
    if (checked.outcome === 'valid') return checked.principal;
    if (checked.outcome === 'unavailable') throw identityProviderUnavailable();
    throw unauthorized(`The token is refused: ${checked.reason}.`, true);
  }
}

/** Every role may read; `recorder` and `auditor` are needed for what they name. */
function allows(principal: Principal, access: RequiredAccess): boolean {
  if (access === 'public') return true;
  if (access === 'read') return principal.roles.size > 0;
  return principal.roles.has(access);
}
