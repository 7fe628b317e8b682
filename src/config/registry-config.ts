import { isIP } from 'node:net';
import { resolve } from 'node:path';
import type { SynchronousMode } from '../event-store/sqlite/schema';

export type EventStoreKind = 'sqlite' | 'kurrentdb';
export type SeedKind = 'osce' | 'none';

/** Everything the registry reads from its environment, checked once at start. */
export interface RegistryConfig {
  readonly port: number;
  readonly dataDir: string;
  readonly eventStore: EventStoreKind;
  readonly kurrentdbConnectionString: string | undefined;
  readonly seed: SeedKind;
  readonly sqliteSynchronous: SynchronousMode;
  /**
   * MiB of the events file that stream reads may memory-map (0, the default: no mapping; see
   * `SqliteEventStore`'s `openStreamConnection` for the trade). Absent: no mapping.
   */
  readonly sqliteMmapMb?: number;
  /**
   * Keep the stream copy beside `events.sqlite` (`events.streams.sqlite`, derived from the log;
   * see `StreamCopy`) and load streams from it. Absent: on.
   */
  readonly sqliteStreamCopy?: boolean;
  /** Seal automatically every this many events (0: only on demand). */
  readonly sealEvery: number;
  /** Base of the IRIs the JSON-LD export mints (ends in `/`); default `DEFAULT_BASE_IRI`. */
  readonly baseIri?: string;
  /**
   * Requests one client IP may make per window before 429 (`limit` 0: unlimited). `readConfig`
   * always sets it; a configuration built in code without it (as the tests build theirs) is not
   * throttled.
   */
  readonly rateLimit?: RateLimit;
  /** Origins allowed to call cross-origin (CORS): a list, or `*` for any; absent or empty: none. */
  readonly corsOrigins?: readonly string[] | '*';
  /**
   * Which proxies in front of the registry to believe about the client's address
   * (`X-Forwarded-For`, `X-Forwarded-Proto`, `X-Forwarded-Host`), which the per-client rate limit
   * counts by: none (false, the default), every hop (true), the last N hops, or the proxies at
   * these addresses and CIDR ranges (Fastify's `trustProxy`).
   */
  readonly trustProxy?: TrustProxy;
  /**
   * Whether reads (GET) are open to everyone (default true); when false they need a valid API key
   * or token, whatever its role. Writes always need the `recorder` role (see `src/auth/`).
   */
  readonly publicReads?: boolean;
  /** OIDC bearer tokens, when `REGISTRY_OIDC_JWKS_URL` is set; API keys work either way. */
  readonly oidc?: OidcConfig;
}

/** Where and how to verify OIDC JWTs (`REGISTRY_OIDC_*`). */
export interface OidcConfig {
  /** The identity provider's JWKS: https, or http on a loopback address (development, tests). */
  readonly jwksUrl: string;
  /** Required `iss`. */
  readonly issuer: string;
  /** Required in `aud`. */
  readonly audience: string;
  /** The claim listing the registry roles (default `roles`; a dotted path for nested claims). */
  readonly roleClaim: string;
  /** The claim that becomes the actor (default `sub`). */
  readonly principalClaim: string;
}

export interface RateLimit {
  readonly limit: number;
  readonly windowSeconds: number;
}

export type TrustProxy = boolean | number | readonly string[];

export const DEFAULT_RATE_LIMIT: RateLimit = { limit: 1000, windowSeconds: 60 };

export const DEFAULT_BASE_IRI = 'https://registry.example/id/';

export const REGISTRY_CONFIG = Symbol('RegistryConfig');

/** Every environment variable the registry reads (README.md documents each). */
export const CONFIG_VARIABLES = [
  'PORT',
  'REGISTRY_DATA_DIR',
  'EVENT_STORE',
  'KURRENTDB_CONNECTION_STRING',
  'REGISTRY_SEED',
  'SQLITE_SYNCHRONOUS',
  'SQLITE_MMAP_MB',
  'SQLITE_STREAM_COPY',
  'REGISTRY_SEAL_EVERY',
  'REGISTRY_BASE_IRI',
  'REGISTRY_RATE_LIMIT',
  'REGISTRY_RATE_WINDOW_SECONDS',
  'REGISTRY_CORS_ORIGINS',
  'REGISTRY_TRUST_PROXY',
  'REGISTRY_PUBLIC_READS',
  'REGISTRY_OIDC_JWKS_URL',
  'REGISTRY_OIDC_ISSUER',
  'REGISTRY_OIDC_AUDIENCE',
  'REGISTRY_OIDC_ROLE_CLAIM',
  'REGISTRY_OIDC_PRINCIPAL_CLAIM',
] as const;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  const chosen = (value ?? fallback).trim();
  if (!(allowed as readonly string[]).includes(chosen)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}; got "${chosen}"`);
  }
  return chosen as T;
}

/** A yes/no variable spelled with its two words (any case), e.g. `on`/`off`. */
function switchOf(
  name: string,
  value: string | undefined,
  [yes, no]: readonly [string, string],
  fallback: boolean,
): boolean {
  return oneOf(name, value?.toLowerCase(), [yes, no], fallback ? yes : no) === yes;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): RegistryConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a port number; got "${env.PORT}"`);
  }
  const eventStore = oneOf(
    'EVENT_STORE',
    env.EVENT_STORE,
    ['sqlite', 'kurrentdb'] as const,
    'sqlite',
  );
  const kurrentdbConnectionString = env.KURRENTDB_CONNECTION_STRING?.trim() || undefined;
  if (eventStore === 'kurrentdb' && !kurrentdbConnectionString) {
    throw new ConfigError(
      'EVENT_STORE=kurrentdb needs KURRENTDB_CONNECTION_STRING (e.g. kurrentdb://localhost:2113?tls=false)',
    );
  }
  return {
    port,
    dataDir: resolve(env.REGISTRY_DATA_DIR ?? './data'),
    eventStore,
    kurrentdbConnectionString,
    seed: oneOf('REGISTRY_SEED', env.REGISTRY_SEED, ['osce', 'none'] as const, 'osce'),
    sqliteSynchronous: oneOf(
      'SQLITE_SYNCHRONOUS',
      env.SQLITE_SYNCHRONOUS?.toUpperCase(),
      ['FULL', 'NORMAL', 'EXTRA', 'OFF'] as const,
      'FULL',
    ),
    sqliteMmapMb: wholeNumber('SQLITE_MMAP_MB', env.SQLITE_MMAP_MB, 0),
    sqliteStreamCopy: switchOf('SQLITE_STREAM_COPY', env.SQLITE_STREAM_COPY, ['on', 'off'], true),
    sealEvery: wholeNumber('REGISTRY_SEAL_EVERY', env.REGISTRY_SEAL_EVERY, 1000),
    baseIri: baseIri(env.REGISTRY_BASE_IRI),
    rateLimit: {
      limit: wholeNumber('REGISTRY_RATE_LIMIT', env.REGISTRY_RATE_LIMIT, DEFAULT_RATE_LIMIT.limit),
      windowSeconds: positiveNumber(
        'REGISTRY_RATE_WINDOW_SECONDS',
        env.REGISTRY_RATE_WINDOW_SECONDS,
        DEFAULT_RATE_LIMIT.windowSeconds,
      ),
    },
    corsOrigins: corsOrigins(env.REGISTRY_CORS_ORIGINS),
    trustProxy: trustProxy(env.REGISTRY_TRUST_PROXY),
    publicReads: switchOf(
      'REGISTRY_PUBLIC_READS',
      env.REGISTRY_PUBLIC_READS,
      ['true', 'false'],
      true,
    ),
    oidc: oidcConfig(env),
  };
}

/** OIDC settings, all or nothing: a JWKS URL needs an issuer and an audience, and vice versa. */
function oidcConfig(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  const jwksUrl = env.REGISTRY_OIDC_JWKS_URL?.trim() || undefined;
  const issuer = env.REGISTRY_OIDC_ISSUER?.trim() || undefined;
  const audience = env.REGISTRY_OIDC_AUDIENCE?.trim() || undefined;
  const roleClaim = env.REGISTRY_OIDC_ROLE_CLAIM?.trim() || 'roles';
  const principalClaim = env.REGISTRY_OIDC_PRINCIPAL_CLAIM?.trim() || 'sub';
  if (jwksUrl === undefined) {
    if (issuer !== undefined || audience !== undefined) {
      throw new ConfigError(
        'REGISTRY_OIDC_ISSUER and REGISTRY_OIDC_AUDIENCE take effect only with REGISTRY_OIDC_JWKS_URL; set it too, or unset them',
      );
    }
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(jwksUrl);
  } catch {
    throw new ConfigError(`REGISTRY_OIDC_JWKS_URL must be an absolute URL; got "${jwksUrl}"`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConfigError(
      `REGISTRY_OIDC_JWKS_URL must be https (http only on localhost); got "${jwksUrl}"`,
    );
  }
  if (issuer === undefined || audience === undefined) {
    throw new ConfigError(
      'REGISTRY_OIDC_JWKS_URL needs REGISTRY_OIDC_ISSUER and REGISTRY_OIDC_AUDIENCE (a token is accepted only from that issuer, for this audience)',
    );
  }
  return { jwksUrl, issuer, audience, roleClaim, principalClaim };
}

/** `*`, or a comma list of origins (`https://osce.example`, no path); empty: none. */
function corsOrigins(value: string | undefined): readonly string[] | '*' {
  const raw = value?.trim() ?? '';
  if (raw === '*') return '*';
  const origins = raw
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  for (const origin of origins) {
    if (!isOrigin(origin)) {
      throw new ConfigError(
        `REGISTRY_CORS_ORIGINS must be * or a comma list of origins such as https://osce.example (scheme, host and port only); got "${origin}"`,
      );
    }
  }
  return origins;
}

/** proxy-addr's names for address ranges, which Fastify's `trustProxy` accepts in a list. */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

function trustProxy(value: string | undefined): TrustProxy {
  const raw = value?.trim().toLowerCase() ?? '';
  if (raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  const proxies = raw
    .split(',')
    .map((proxy) => proxy.trim())
    .filter((proxy) => proxy !== '');
  for (const proxy of proxies) {
    if (!PROXY_RANGES.includes(proxy) && !isAddressOrRange(proxy)) {
      throw new ConfigError(
        `REGISTRY_TRUST_PROXY must be true, false, a number of hops, or a comma list of proxy addresses, CIDR ranges or ${PROXY_RANGES.join('/')}; got "${proxy}"`,
      );
    }
  }
  return proxies;
}

function isAddressOrRange(candidate: string): boolean {
  const [address, prefix, ...rest] = candidate.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d+$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

function isOrigin(candidate: string): boolean {
  try {
    const url = new URL(candidate);
    return ['http:', 'https:'].includes(url.protocol) && url.origin === candidate;
  } catch {
    return false;
  }
}

/** An absolute http(s) IRI, given a trailing `/` so that ids can be appended to it. */
function baseIri(value: string | undefined): string {
  const raw = value?.trim() || DEFAULT_BASE_IRI;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`REGISTRY_BASE_IRI must be an absolute http(s) IRI; got "${raw}"`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.search || url.hash) {
    throw new ConfigError(
      `REGISTRY_BASE_IRI must be an http(s) IRI without query or fragment; got "${raw}"`,
    );
  }
  return raw.endsWith('/') ? raw : `${raw}/`;
}

function positiveNumber(name: string, value: string | undefined, fallback: number): number {
  const number = wholeNumber(name, value, fallback);
  if (number === 0) throw new ConfigError(`${name} must be a whole number above 0; got "${value}"`);
  return number;
}

function wholeNumber(name: string, value: string | undefined, fallback: number): number {
  const raw = value?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw)) {
    throw new ConfigError(`${name} must be a whole number (0 turns it off); got "${raw}"`);
  }
  return Number(raw);
}
