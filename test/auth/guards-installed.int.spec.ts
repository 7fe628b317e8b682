import { Controller, Get, type INestApplication, type ModuleMetadata, Post } from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthGuard } from '../../src/auth/auth.guard';
import { AuthModule } from '../../src/auth/auth.module';
import { ConfigModule } from '../../src/config/config.module';
import type { RegistryConfig } from '../../src/config/registry-config';
import { EventStoreModule } from '../../src/event-store/event-store.module';
import { configureHttp, createFastifyAdapter } from '../../src/http/configure-http';
import { RateLimitGuard } from '../../src/http/security/rate-limit.guard';
import { ReadYourWritesGuard } from '../../src/http/read-your-writes/read-your-writes.guard';
import { IdempotencyHooks } from '../../src/idempotency/idempotency-hooks';
import { IdempotencyGuard } from '../../src/idempotency/idempotency.guard';
import { IdempotencyModule } from '../../src/idempotency/idempotency.module';

/**
 * `configureHttp` installs the global guards in one list, in the order the threat model needs
 * (SECURITY.md); the modules whose guard must run refuse to start without it.
 */
describe('the global guards', () => {
  let dataDir: string;
  let config: RegistryConfig;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'registry-guards-'));
    config = {
      port: 0,
      dataDir,
      eventStore: 'sqlite',
      kurrentdbConnectionString: undefined,
      seed: 'none',
      sqliteSynchronous: 'FULL',
      sealEvery: 0,
      rateLimit: { limit: 100, windowSeconds: 60 },
    };
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const appWith = async (metadata: ModuleMetadata): Promise<NestFastifyApplication> => {
    const moduleRef = await Test.createTestingModule(metadata).compile();
    return moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), {
      logger: false,
    });
  };
  const closing = async (app: INestApplication, run: () => Promise<void>): Promise<void> => {
    try {
      await run();
    } finally {
      await app.close();
    }
  };

  it('run as rate limit, authentication, read-your-writes, idempotency; no global interceptor', async () => {
    const app = await appWith({
      imports: [ConfigModule.forRoot(config), EventStoreModule, AuthModule, IdempotencyModule],
    });
    configureHttp(app);
    await closing(app, async () => {
      await app.init();
      const applicationConfig = app.get(ApplicationConfig);
      expect(applicationConfig.getGlobalGuards().map((guard) => guard.constructor)).toEqual([
        RateLimitGuard,
        AuthGuard,
        ReadYourWritesGuard,
        IdempotencyGuard,
      ]);
      // Each interceptor costs every request Nest's RxJS chain; reads have no use for one.
      expect(applicationConfig.getGlobalInterceptors()).toEqual([]);
    });
  });

  it('keep idempotent answers with hooks on the POST routes only: reads do not run them', async () => {
    @Controller('things')
    class Things {
      @Get()
      list(): unknown {
        return [];
      }
      @Post()
      add(): unknown {
        return {};
      }
    }
    const app = await appWith({
      imports: [ConfigModule.forRoot(config), EventStoreModule, AuthModule, IdempotencyModule],
      controllers: [Things],
    });
    configureHttp(app);
    const onSend = new Map<string, number>();
    // Added after configureHttp's, so it sees the route as those left it.
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onRoute', (route) => {
        const hooks = route.onSend === undefined ? [] : [route.onSend].flat();
        onSend.set(`${String(route.method)} ${route.url}`, hooks.length);
      });
    await closing(app, async () => {
      await app.init();
      expect(onSend.get('POST /things')).toBe(1);
      expect(onSend.get('GET /things')).toBe(0);
      expect(app.get(IdempotencyHooks).isInstalled).toBe(true);
    });
  });

  it.each([
    ['AuthModule', AuthModule, /AuthGuard is not installed/],
    ['IdempotencyModule', IdempotencyModule, /IdempotencyGuard is not installed/],
  ])(
    'refuse to start an HTTP app with %s whose guard configureHttp did not install',
    async (_name, module, message) => {
      // The idempotency guard reads the log (a retry after a lost answer looks for its events).
      const app = await appWith({
        imports: [ConfigModule.forRoot(config), EventStoreModule, module],
      });
      await closing(app, async () => {
        await expect(app.init()).rejects.toThrow(message);
      });
    },
  );
});
