import { RegistryUnderTest } from '../support/registry-app';
import { closeRawAgent, rawRequest } from './support/raw-http';

const PROBLEM_JSON = /^application\/problem\+json(;|$)/;

/** Issue 6, item 4: `@nestjs/throttler` as a global guard, one budget per client IP. */
describe('Rate limiting (REGISTRY_RATE_LIMIT=5 per REGISTRY_RATE_WINDOW_SECONDS=60)', () => {
  let registry: RegistryUnderTest;
  beforeAll(async () => {
    registry = await RegistryUnderTest.start('sqlite', {
      rateLimit: { limit: 5, windowSeconds: 60 },
    });
  });
  afterAll(async () => {
    closeRawAgent();
    await registry?.stop();
  });

  it('answers the 6th request of a client in the window 429 with Retry-After, as a problem', async () => {
    const paths = ['/api/field-operations', '/api/decisions/x', '/api/participating-states'];
    for (let i = 0; i < 5; i += 1) {
      const response = await registry.get(paths[i % paths.length]);
      expect(response.status).not.toBe(429);
      expect(response.headers.get('x-ratelimit-limit')).toBe('5');
      expect(response.headers.get('x-ratelimit-remaining')).toBe(String(4 - i));
    }
    // Writes count against the same budget, and are refused before anything is decided.
    const write = await registry.post('/api/participating-states', {
      id: 'throttled',
      name: 'Throttled',
      admittedOn: '1992',
    });
    expect(write.status).toBe(429);
    expect(write.headers.get('content-type')).toMatch(PROBLEM_JSON);
    const retryAfter = Number(write.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(write.body).toMatchObject({
      type: 'https://registry.example/problems/too-many-requests',
      status: 429,
      detail: expect.stringContaining('Retry-After'),
    });
    expect((await registry.get('/api/field-operations')).status).toBe(429);
    // Before authentication: a client without credentials is throttled, not told 401.
    const anonymous = await registry.as(null).post('/api/participating-states', {});
    expect(anonymous.status).toBe(429);
  });

  it('keeps /health answering while the client is throttled, and writes nothing', async () => {
    const health = await registry.get('/health');
    expect(health.status).toBe(200);
    expect(health.body.eventStore.headPosition).toBe(null);
  });

  it('counts each client IP on its own', async () => {
    const other = await rawRequest(
      registry.baseUrl,
      'GET',
      '/api/field-operations',
      undefined,
      {},
      {
        localAddress: '127.0.0.2',
      },
    );
    expect(other.status).toBe(200);
    expect(other.headers['x-ratelimit-remaining']).toBe('4');
  });

  it('does not believe X-Forwarded-For when no proxy is trusted (REGISTRY_TRUST_PROXY unset)', async () => {
    const remaining: unknown[] = [];
    for (const client of ['203.0.113.7', '203.0.113.8']) {
      const response = await rawRequest(
        registry.baseUrl,
        'GET',
        '/api/field-operations',
        undefined,
        { 'x-forwarded-for': client },
        { localAddress: '127.0.0.3' },
      );
      remaining.push(response.headers['x-ratelimit-remaining']);
    }
    expect(remaining).toEqual(['4', '3']);
  });
});

describe('Rate limiting behind a trusted proxy (REGISTRY_TRUST_PROXY=127.0.0.1)', () => {
  let registry: RegistryUnderTest;
  beforeAll(async () => {
    registry = await RegistryUnderTest.start('sqlite', {
      rateLimit: { limit: 5, windowSeconds: 60 },
      trustProxy: ['127.0.0.1'],
    });
  });
  afterAll(async () => {
    closeRawAgent();
    await registry?.stop();
  });

  const viaProxy = (client: string, localAddress = '127.0.0.1') =>
    rawRequest(
      registry.baseUrl,
      'GET',
      '/api/field-operations',
      undefined,
      { 'x-forwarded-for': client },
      { localAddress },
    );

  it('counts each client the proxy reports on its own', async () => {
    expect((await viaProxy('203.0.113.7')).headers['x-ratelimit-remaining']).toBe('4');
    expect((await viaProxy('203.0.113.7')).headers['x-ratelimit-remaining']).toBe('3');
    expect((await viaProxy('203.0.113.8')).headers['x-ratelimit-remaining']).toBe('4');
  });

  it('counts by the peer address when the peer is not the trusted proxy', async () => {
    expect((await viaProxy('203.0.113.9', '127.0.0.4')).headers['x-ratelimit-remaining']).toBe('4');
    expect((await viaProxy('203.0.113.10', '127.0.0.4')).headers['x-ratelimit-remaining']).toBe(
      '3',
    );
  });
});

describe('Rate limiting in the tests', () => {
  it('is off for a registry configured in code without a rate limit (as the test suites start it)', async () => {
    const registry = await RegistryUnderTest.start('sqlite');
    try {
      const response = await registry.get('/api/field-operations');
      expect(response.status).toBe(200);
      expect(response.headers.get('x-ratelimit-limit')).toBeNull();
    } finally {
      await registry.stop();
    }
  });
});

describe('Rate limiting on the operation detail, a lean route (README: Deviations)', () => {
  let registry: RegistryUnderTest;
  beforeAll(async () => {
    registry = await RegistryUnderTest.start('sqlite', {
      rateLimit: { limit: 3, windowSeconds: 60 },
    });
  });
  afterAll(async () => registry?.stop());

  it('counts detail reads against the client budget and throttles them as any route', async () => {
    for (let i = 0; i < 3; i += 1) {
      const response = await registry.get('/api/field-operations/nowhere?asOf=2003-01-01');
      expect(response.status).toBe(404);
      expect(response.headers.get('x-ratelimit-limit')).toBe('3');
      expect(response.headers.get('x-ratelimit-remaining')).toBe(String(2 - i));
    }
    const throttled = await registry.get('/api/field-operations/nowhere?asOf=2003-01-01');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('content-type')).toMatch(PROBLEM_JSON);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(throttled.body).toMatchObject({ status: 429 });
  });
});
