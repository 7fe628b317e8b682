import {
  applyDecorators,
  type CallHandler,
  type CanActivate,
  Controller,
  type ExecutionContext,
  Get,
  type NestInterceptor,
  NotFoundException,
  Param,
  Post,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Observable } from 'rxjs';
import { AuthGuard, OIDC_VERIFIER } from '../../auth/auth.guard';
import { ApiKeyStore } from '../../auth/api-key-store';
import { REGISTRY_CONFIG, type RegistryConfig } from '../../config/registry-config';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../../projections/read-model-progress';
import { SampleAsOfQuery } from '../../../test/support/http/sample-dtos';
import { PROBLEM_JSON, startHttpTestApp } from '../../../test/support/http/http-test-app';
import { configureHttp, createFastifyAdapter } from '../configure-http';
import { isLeanRoute, LeanRoute } from './lean-route';

const known = new Map([['office-in-minsk', { name: 'OSCE Office in Minsk', revision: 3 }]]);

/** Twice the same reads: through the lean pipeline and through Nest's router. */
function readsOf(handle: (id: string, query: SampleAsOfQuery, reply: FastifyReply) => unknown) {
  // One controller class per path, the lean one differing only by its decorator.
  const readsAt = (path: string, ...decorators: MethodDecorator[]) => {
    @Controller(path)
    class Reads {
      @Get(':id')
      @applyDecorators(...decorators)
      read(
        @Param('id') id: string,
        @Query() query: SampleAsOfQuery,
        @Res({ passthrough: true }) reply: FastifyReply,
      ): unknown {
        return handle(id, query, reply);
      }
    }
    return Reads;
  };
  return [readsAt('lean', LeanRoute()), readsAt('nest')];
}

const read = (id: string, query: SampleAsOfQuery, reply: FastifyReply) => {
  const found = known.get(id);
  if (!found) throw new NotFoundException(`Field operation "${id}" is not registered`);
  void reply.header('ETag', `"${found.revision}"`);
  return { id, ...found, asOf: query.asOf ?? null, query: { ...query } };
};

class StubProgress implements ReadModelProgress {
  reached = true;
  readonly calls: bigint[] = [];
  async waitFor(position: bigint): Promise<boolean> {
    this.calls.push(position);
    return this.reached;
  }
}

/** Keys: `reg_good` is a valid reader key, anything else unknown. */
const keys = {
  check: (token: string) =>
    token === 'reg_good'
      ? { outcome: 'valid', key: { name: 'reader', role: 'reader' } }
      : { outcome: 'unknown' },
};

const authProviders = (publicReads: boolean) => [
  { provide: REGISTRY_CONFIG, useValue: { publicReads } as Partial<RegistryConfig> },
  { provide: ApiKeyStore, useValue: keys },
  { provide: OIDC_VERIFIER, useValue: null },
  AuthGuard,
];

describe('a @LeanRoute() answers as Nest would', () => {
  const progress = new StubProgress();
  let app: NestFastifyApplication;
  let privateApp: NestFastifyApplication;

  beforeAll(async () => {
    const controllers = readsOf(read);
    app = await startHttpTestApp(
      {
        controllers,
        providers: [{ provide: READ_MODEL_PROGRESS, useValue: progress }, ...authProviders(true)],
      },
      { readYourWritesTimeoutMs: 50 },
    );
    privateApp = await startHttpTestApp({ controllers, providers: authProviders(false) });
  });
  afterAll(async () => {
    await app?.close();
    await privateApp?.close();
  });
  beforeEach(() => {
    progress.reached = true;
    progress.calls.length = 0;
  });

  it('runs the lean pipeline for the marked route only (GET and HEAD)', async () => {
    const moduleRef = await Test.createTestingModule({ controllers: readsOf(read) }).compile();
    const other = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), {
      logger: false,
    });
    configureHttp(other);
    const handlers = new Map<string, unknown>();
    // Hooks run in the order they were added: this one sees the handler configureHttp's left.
    const fastify: FastifyInstance = other.getHttpAdapter().getInstance();
    fastify.addHook('onRoute', (route) => {
      handlers.set(`${String(route.method)} ${route.url}`, route.handler);
    });
    try {
      await other.init();
      expect(isLeanRoute(handlers.get('GET /lean/:id'))).toBe(true);
      expect(isLeanRoute(handlers.get('HEAD /lean/:id'))).toBe(true);
      expect(isLeanRoute(handlers.get('GET /nest/:id'))).toBe(false);
      expect(handlers.has('GET /nest/:id')).toBe(true);
    } finally {
      await other.close();
    }
  });

  const cases: Array<[string, string, Record<string, string>]> = [
    ['a read', '/office-in-minsk?asOf=2003-01-01', {}],
    ['a read without query', '/office-in-minsk', {}],
    ['an unknown id (404 problem)', '/nowhere?asOf=2003-01-01', {}],
    ['an invalid and an unknown parameter (400)', '/office-in-minsk?asOf=2003-13-01&x=1', {}],
    ['a repeated parameter', '/office-in-minsk?asOf=2003-01-01&asOf=2004-01-01', {}],
    ['an empty id (404 as for no route)', '/?asOf=2003-01-01', {}],
    ['a read after minPosition', '/office-in-minsk?minPosition=5&asOf=2003-01-01', {}],
    ['a malformed minPosition', '/office-in-minsk?minPosition=-1', {}],
    ['a valid key', '/office-in-minsk', { authorization: 'Bearer reg_good' }],
    ['an unknown key (401)', '/office-in-minsk', { authorization: 'Bearer reg_bad' }],
    ['a malformed Authorization (401)', '/office-in-minsk', { authorization: 'Basic abc' }],
  ];

  const same = async (
    target: NestFastifyApplication,
    path: string,
    headers: Record<string, string> = {},
  ) => {
    const [lean, nest] = await Promise.all(
      ['lean', 'nest'].map((prefix) =>
        target.inject({ method: 'GET', url: `/${prefix}${path}`, headers }),
      ),
    );
    const { date: _d, 'x-correlation-id': leanId, ...leanHeaders } = lean.headers;
    const { date: _e, 'x-correlation-id': nestId, ...nestHeaders } = nest.headers;
    expect(leanId).toEqual(expect.any(String));
    expect(nestId).toEqual(expect.any(String));
    expect(lean.statusCode).toBe(nest.statusCode);
    expect(leanHeaders).toEqual(nestHeaders);
    expect(lean.body.replaceAll('/lean/', '/nest/')).toBe(nest.body);
    return lean;
  };

  it.each(cases)('%s', async (_name, path, headers) => {
    await same(app, path, headers);
  });

  it('a read the read models do not catch up with (503 problem)', async () => {
    progress.reached = false;
    const response = await same(app, '/office-in-minsk?minPosition=5');
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
  });

  it('checks what it answers: a success, a problem, a refusal', async () => {
    const ok = await app.inject({ method: 'GET', url: '/lean/office-in-minsk?asOf=2003-01-01' });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"3"');
    expect(ok.json()).toEqual({
      id: 'office-in-minsk',
      name: 'OSCE Office in Minsk',
      revision: 3,
      asOf: '2003-01-01',
      query: { asOf: '2003-01-01' },
    });
    const missing = await app.inject({ method: 'GET', url: '/lean/nowhere' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(PROBLEM_JSON);
    const refused = await privateApp.inject({ method: 'GET', url: '/lean/office-in-minsk' });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(refused.json()).toMatchObject({ status: 401 });
  });

  it.each([
    ['anonymous', {}],
    ['a valid key', { authorization: 'Bearer reg_good' }],
    ['an unknown key', { authorization: 'Bearer reg_bad' }],
  ])('with reads not public: %s', async (_name, headers) => {
    await same(privateApp, '/office-in-minsk', headers);
  });

  it('HEAD answers as Nest would, without a body', async () => {
    const [lean, nest] = await Promise.all(
      ['lean', 'nest'].map((prefix) =>
        app.inject({ method: 'HEAD', url: `/${prefix}/office-in-minsk` }),
      ),
    );
    expect(lean.statusCode).toBe(200);
    expect(lean.body).toBe('');
    expect(lean.headers['content-length']).toBe(nest.headers['content-length']);
  });
});

describe('a @LeanRoute() that answers asynchronously or fails', () => {
  it('awaits a promise, and answers an unexpected error 500 as Nest would', async () => {
    let fail = false;
    const app = await startHttpTestApp({
      controllers: readsOf(async (id) => {
        await new Promise((resolve) => setImmediate(resolve));
        if (fail) throw new Error('the read model is gone');
        return { id };
      }),
    });
    try {
      const ok = await app.inject({ method: 'GET', url: '/lean/x' });
      expect(ok.json()).toEqual({ id: 'x' });
      fail = true;
      const [lean, nest] = await Promise.all(
        ['lean', 'nest'].map((prefix) => app.inject({ method: 'GET', url: `/${prefix}/x` })),
      );
      expect(lean.statusCode).toBe(500);
      expect(lean.body.replaceAll('/lean/', '/nest/')).toBe(nest.body);
    } finally {
      await app.close();
    }
  });
});

describe('a @LeanRoute() refuses to start with what it would not run', () => {
  class Deny implements CanActivate {
    canActivate(): boolean {
      return false;
    }
  }
  class Passing implements NestInterceptor {
    intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
      return next.handle();
    }
  }

  const starting = async (controller: object, before?: (app: NestFastifyApplication) => void) => {
    const moduleRef = await Test.createTestingModule({
      controllers: [controller as never],
    }).compile();
    const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), {
      logger: false,
    });
    configureHttp(app);
    before?.(app);
    try {
      await app.init();
    } finally {
      await app.close();
    }
  };

  it('a guard of its own', async () => {
    @Controller('r')
    class Reads {
      @Get()
      @LeanRoute()
      @UseGuards(Deny)
      read(): unknown {
        return {};
      }
    }
    await expect(starting(Reads)).rejects.toThrow(/Reads.read has its own __guards__/);
  });

  it('@Res() without passthrough', async () => {
    @Controller('r')
    class Reads {
      @Get()
      @LeanRoute()
      read(@Res() reply: FastifyReply): void {
        void reply.send({});
      }
    }
    await expect(starting(Reads)).rejects.toThrow(/sends its own answer/);
  });

  it('another method than GET', async () => {
    @Controller('r')
    class Writes {
      @Post()
      @LeanRoute()
      write(): unknown {
        return {};
      }
    }
    await expect(starting(Writes)).rejects.toThrow(/is not a GET route/);
  });

  it('a global interceptor', async () => {
    @Controller('r')
    class Reads {
      @Get()
      @LeanRoute()
      read(): unknown {
        return {};
      }
    }
    await expect(
      starting(Reads, (app) => app.useGlobalInterceptors(new Passing())),
    ).rejects.toThrow(/global interceptors/);
  });
});
