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

const PRESS_RELEASE_CORRELATION = '0c5e0c5e-2002-4c30-9d26-000000000526';

export type StoreUnderTest = 'sqlite' | 'kurrentdb-double';

/** The whole registry listening on a free loopback port, on a fresh data folder. */
export class RegistryUnderTest {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly baseUrl: string,
    readonly config: RegistryConfig,
    readonly double?: KurrentDbDouble,
  ) {}

  static async start(
    store: StoreUnderTest,
    overrides: Partial<RegistryConfig> = {},
    existing?: { dataDir: string; double?: KurrentDbDouble },
  ): Promise<RegistryUnderTest> {
    const double =
      existing?.double ?? (store === 'kurrentdb-double' ? await startKurrentDbDouble() : undefined);
    const config: RegistryConfig = {
      port: 0,
      dataDir: existing?.dataDir ?? mkdtempSync(join(tmpdir(), 'registry-e2e-')),
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
    return new RegistryUnderTest(app, `http://127.0.0.1:${address.port}`, config, double);
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
    });
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.double?.dispose();
    rmSync(this.config.dataDir, { recursive: true, force: true });
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; headers: Headers; body: any }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
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
        text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
    };
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, undefined, headers);
  }

  post(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request('POST', path, body, headers);
  }
}
