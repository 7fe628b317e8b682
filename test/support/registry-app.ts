import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import { createApp } from '../../src/app.factory';
import { RecordDecisionCommand } from '../../src/decisions/record/record-decision.command';
import { EstablishFieldOperationCommand } from '../../src/field-operations/establish/establish.command';
import { AdmitStateCommand } from '../../src/participating-states/admit/admit.command';
import { ReadModels } from '../../src/projections/read-models';
import type { CommandContext } from '../../src/shared/application/command-context';
import { advisoryAndMonitoringGroup, belarus, pcDec526 } from './press-release';
import type { RegistryConfig } from '../../src/config/registry-config';
import { startKurrentDbDouble, type KurrentDbDouble } from './kurrentdb-double';
import { ApiKeyStore } from '../../src/auth/api-key-store';
import { requiredAccess } from '../../src/auth/access-policy';

const PRESS_RELEASE_CORRELATION = '0c5e0c5e-2002-4c30-9d26-000000000526';

export type StoreUnderTest = 'sqlite' | 'kurrentdb-double';

/** The API keys every registry under test is started with, one per role. */
export interface TestKeys {
  readonly recorder: string;
  readonly auditor: string;
  readonly reader: string;
}

/** Names of the test keys; events written through `post` record the actor `key:test-recorder`. */
export const TEST_KEY_NAMES = {
  recorder: 'test-recorder',
  auditor: 'test-auditor',
  reader: 'test-reader',
} as const;
export const RECORDER_ACTOR = `key:${TEST_KEY_NAMES.recorder}`;
export const AUDITOR_ACTOR = `key:${TEST_KEY_NAMES.auditor}`;

/** The keys made for each data folder in this process, for a registry started on it again. */
const keysByDataDir = new Map<string, TestKeys>();

/**
 * The three test keys of a data folder: made in its `keys.sqlite` through the registry's key
 * store the first time, the same ones when a registry starts on that folder again.
 */
export function testKeysFor(dataDir: string): TestKeys {
  const known = keysByDataDir.get(dataDir);
  if (known) return known;
  const store = ApiKeyStore.inDataDir(dataDir);
  try {
    const keys: TestKeys = {
      recorder: store.create(TEST_KEY_NAMES.recorder, 'recorder').key,
      auditor: store.create(TEST_KEY_NAMES.auditor, 'auditor').key,
      reader: store.create(TEST_KEY_NAMES.reader, 'reader').key,
    };
    keysByDataDir.set(dataDir, keys);
    return keys;
  } finally {
    store.close();
  }
}

type Response = { status: number; headers: Headers; body: any };

/** Requests sent with chosen credentials: a bearer token, or `null` for none. */
export interface RegistryClient {
  request(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
}

/**
 * The whole registry listening on a free loopback port, on a fresh data folder, with one API key
 * per role (`keys`). `request`, `get` and `post` send the key the request needs by the registry's
 * own access policy (`src/auth/access-policy.ts`): the recorder's on writes, the auditor's on
 * audit endpoints and exports, none on reads (the reader's when reads are not public), unless the
 * caller sets `Authorization` itself. `as(token)` sends other credentials, or none (`as(null)`).
 */
export class RegistryUnderTest implements RegistryClient {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly baseUrl: string,
    readonly config: RegistryConfig,
    readonly keys: TestKeys,
    readonly double?: KurrentDbDouble,
  ) {}

  static async start(
    store: StoreUnderTest,
    overrides: Partial<RegistryConfig> = {},
    existing?: { dataDir: string; double?: KurrentDbDouble; keys?: TestKeys },
  ): Promise<RegistryUnderTest> {
    const double =
      existing?.double ?? (store === 'kurrentdb-double' ? await startKurrentDbDouble() : undefined);
    const dataDir = existing?.dataDir ?? mkdtempSync(join(tmpdir(), 'registry-e2e-'));
    const keys = existing?.keys ?? testKeysFor(dataDir);
    const config: RegistryConfig = {
      port: 0,
      dataDir,
      eventStore: store === 'sqlite' ? 'sqlite' : 'kurrentdb',
      kurrentdbConnectionString: double?.connectionString,
      seed: 'none',
      sqliteSynchronous: 'FULL',
      sealEvery: 1000,
      ...overrides,
    };
    const app = await createApp(config, { logger: false });
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    return new RegistryUnderTest(app, `http://127.0.0.1:${address.port}`, config, keys, double);
  }

  /**
   * A registry holding just the seed case (Belarus, the AMG, PC.DEC/526 with its two effects),
   * recorded through the commands by the actor `seed`, with the read models caught up.
   */
  static async startWithPressRelease(
    store: StoreUnderTest,
    overrides: Partial<RegistryConfig> = {},
  ): Promise<RegistryUnderTest> {
    const registry = await RegistryUnderTest.start(store, { ...overrides, seed: 'none' });
    const commands = registry.app.get(CommandBus);
    const context: CommandContext = {
      actor: 'seed',
      correlationId: PRESS_RELEASE_CORRELATION,
      causationId: PRESS_RELEASE_CORRELATION,
      reason: 'Bundled example: OSCE press release of 30 December 2002 (PC.DEC/526)',
    };
    await commands.execute(new AdmitStateCommand(belarus, context));
    await commands.execute(new EstablishFieldOperationCommand(advisoryAndMonitoringGroup, context));
    const { position } = await commands.execute(new RecordDecisionCommand(pcDec526, context));
    await registry.app.get(ReadModels).waitFor(position, 10_000);
    return registry;
  }

  /** Stops the app only, keeping the data folder and the double, to start again on them. */
  async restart(): Promise<RegistryUnderTest> {
    await this.app.close();
    const store = this.config.eventStore === 'sqlite' ? 'sqlite' : 'kurrentdb-double';
    return RegistryUnderTest.start(store, this.config, {
      dataDir: this.config.dataDir,
      double: this.double,
      keys: this.keys,
    });
  }

  async stop(): Promise<void> {
    await this.app.close();
    keysByDataDir.delete(this.config.dataDir);
    await this.double?.dispose();
    rmSync(this.config.dataDir, { recursive: true, force: true });
  }

  /**
   * `headers` with the `Authorization` a request needs by the access policy added, unless they
   * set it already: for tests that call `fetch` themselves.
   */
  authHeaders(
    method: string,
    path: string,
    headers: Record<string, string> = {},
  ): Record<string, string> {
    if (Object.keys(headers).some((name) => name.toLowerCase() === 'authorization')) return headers;
    const url = new URL(path, this.baseUrl);
    const access = requiredAccess({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      accept: Object.entries(headers).find(([name]) => name.toLowerCase() === 'accept')?.[1],
    });
    const key =
      access === 'recorder' || access === 'auditor'
        ? this.keys[access]
        : access === 'read' && this.config.publicReads === false
          ? this.keys.reader
          : undefined;
    return key === undefined ? headers : { ...headers, authorization: `Bearer ${key}` };
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    return send(this.baseUrl, method, path, body, this.authHeaders(method, path, headers));
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, undefined, headers);
  }

  post(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request('POST', path, body, headers);
  }

  /** A client sending `token` as a bearer credential on every request, or nothing (`null`). */
  as(token: string | null): RegistryClient {
    const request = (
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) =>
      send(this.baseUrl, method, path, body, {
        ...headers,
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      });
    return {
      request,
      get: (path, headers) => request('GET', path, undefined, headers),
      post: (path, body, headers) => request('POST', path, body, headers),
    };
  }
}

/** JSON and `+json` bodies (problems, JSON-LD) are parsed; NDJSON and CSV are left as text. */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json(;|$)/;

async function send(
  baseUrl: string,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<Response> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body:
      text && JSON_MEDIA_TYPE.test(response.headers.get('content-type') ?? '')
        ? JSON.parse(text)
        : text,
  };
}
