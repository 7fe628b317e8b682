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
  /** Seal automatically every this many events (0: only on demand). */
  readonly sealEvery: number;
  /** Base of the IRIs the JSON-LD export mints (ends in `/`); default `DEFAULT_BASE_IRI`. */
  readonly baseIri?: string;
}

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
  'REGISTRY_SEAL_EVERY',
  'REGISTRY_BASE_IRI',
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
    sealEvery: wholeNumber('REGISTRY_SEAL_EVERY', env.REGISTRY_SEAL_EVERY, 1000),
    baseIri: baseIri(env.REGISTRY_BASE_IRI),
  };
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

function wholeNumber(name: string, value: string | undefined, fallback: number): number {
  const raw = value?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw)) {
    throw new ConfigError(`${name} must be a whole number (0 turns it off); got "${raw}"`);
  }
  return Number(raw);
}
