import { Controller, Get, Query } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../../projections/read-model-progress';
import { SampleAsOfQuery } from '../../../test/support/http/sample-dtos';
import { PROBLEM_JSON, startHttpTestApp } from '../../../test/support/http/http-test-app';

@Controller('reads')
class ReadsController {
  /** A query DTO that knows nothing of minPosition, and forbids unknown parameters. */
  @Get()
  read(@Query() query: SampleAsOfQuery): unknown {
    return { query: { ...query } };
  }
}

class StubProgress implements ReadModelProgress {
  reached = true;
  readonly calls: Array<[bigint, number]> = [];
  async waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    this.calls.push([position, timeoutMs]);
    return this.reached;
  }
}

describe('read-your-writes over HTTP', () => {
  const progress = new StubProgress();
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startHttpTestApp(
      {
        controllers: [ReadsController],
        providers: [{ provide: READ_MODEL_PROGRESS, useValue: progress }],
      },
      { readYourWritesTimeoutMs: 250 },
    );
  });
  afterAll(async () => {
    await app.close();
  });
  beforeEach(() => {
    progress.calls.length = 0;
    progress.reached = true;
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers });

  it('reads at once without minPosition', async () => {
    const response = await get('/reads?asOf=2003-01-01');
    expect(response.statusCode).toBe(200);
    expect(progress.calls).toEqual([]);
  });

  it('waits for minPosition, then reads without it in the query', async () => {
    const response = await get('/reads?minPosition=42&asOf=2003-01-01');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ query: { asOf: '2003-01-01' } });
    expect(progress.calls).toEqual([[42n, 250]]);
  });

  it('waits for X-Min-Position too', async () => {
    expect((await get('/reads', { 'x-min-position': '7' })).statusCode).toBe(200);
    expect(progress.calls).toEqual([[7n, 250]]);
  });

  it('answers 503 with Retry-After: 1 when the read models do not catch up', async () => {
    progress.reached = false;
    const response = await get('/reads?minPosition=42');
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.json()).toMatchObject({
      type: 'https://registry.example/problems/read-models-behind',
      detail: expect.stringContaining('position 42'),
    });
  });

  it('answers a malformed minPosition with 400, without waiting', async () => {
    const response = await get('/reads?minPosition=-3');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.json().errors).toEqual([
      { parameter: 'minPosition', detail: expect.stringContaining('non-negative integer') },
    ]);
    expect(progress.calls).toEqual([]);
  });

  it('answers a malformed X-Min-Position with 400', async () => {
    const response = await get('/reads', { 'x-min-position': 'latest' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { header: 'X-Min-Position', detail: expect.any(String) },
    ]);
  });
});

describe('read-your-writes in an app without read models', () => {
  it('reads at once', async () => {
    const app = await startHttpTestApp({ controllers: [ReadsController] });
    try {
      const response = await app.inject({ method: 'GET', url: '/reads?minPosition=5' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ query: {} });
    } finally {
      await app.close();
    }
  });
});
