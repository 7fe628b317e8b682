import { Body, Controller, Get, Logger, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  InvalidAppendError,
  StoreFeatureUnsupportedError,
  StoreUnavailableError,
  WrongExpectedStateError,
} from '../../event-store/errors';
import { PreconditionFailedError } from '../../shared/application/write-result';
import { DomainError } from '../../shared/domain/domain-error';
import { BODY_LIMIT_BYTES } from '../configure-http';
import { PROBLEM_JSON, startHttpTestApp } from '../../../test/support/http/http-test-app';

@Controller('fail')
class FailingController {
  @Get('domain')
  domain(): never {
    throw new DomainError(
      'already-established',
      409,
      'Field operation "x" is already established',
      '/id',
    );
  }

  @Get('precondition')
  precondition(): never {
    throw new PreconditionFailedError('field-operation-x', 2n, 3n);
  }

  @Get('race')
  race(): never {
    throw new WrongExpectedStateError('field-operation-x', 2n, 3n);
  }

  @Get('unavailable')
  unavailable(): never {
    throw new StoreUnavailableError('connect ECONNREFUSED 10.0.0.3:2113');
  }

  @Get('unsupported')
  unsupported(): never {
    throw new StoreFeatureUnsupportedError('multi-stream append needs KurrentDB 25.1');
  }

  @Get('invalid-append')
  invalidAppend(): never {
    throw new InvalidAppendError('stream "x" twice in one append');
  }

  @Get('bug')
  bug(): never {
    throw new TypeError('Cannot read properties of undefined (reading "password")');
  }

  @Post('echo')
  echo(@Body() body: unknown): unknown {
    return { received: body };
  }
}

describe('problem details over HTTP', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startHttpTestApp({ controllers: [FailingController] });
  });
  afterAll(async () => {
    await app.close();
  });

  async function get(url: string) {
    const response = await app.inject({ method: 'GET', url });
    return { response, body: response.json<Record<string, unknown>>() };
  }

  function post(payload: string, contentType = 'application/json') {
    return app.inject({
      method: 'POST',
      url: '/fail/echo',
      headers: { 'content-type': contentType },
      payload,
    });
  }

  it('answers a domain error with its status, type, and a pointer', async () => {
    const { response, body } = await get('/fail/domain');
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(body).toEqual({
      type: 'https://registry.example/problems/already-established',
      title: 'Already established',
      status: 409,
      detail: 'Field operation "x" is already established',
      instance: '/fail/domain',
      errors: [{ pointer: '/id', detail: 'Field operation "x" is already established' }],
    });
  });

  it.each([
    ['/fail/precondition', 412, 'precondition-failed'],
    ['/fail/race', 409, 'concurrent-change'],
    ['/fail/unsupported', 501, 'store-feature-unsupported'],
    ['/fail/invalid-append', 422, 'invalid-append'],
    ['/fail/nope', 404, 'not-found'],
  ])('answers GET %s with %i %s', async (url, status, code) => {
    const { response, body } = await get(url);
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(body).toMatchObject({ status, type: `https://registry.example/problems/${code}` });
  });

  it('answers an unreachable store with 503 and Retry-After: 5, without its address', async () => {
    const { response, body } = await get('/fail/unavailable');
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(JSON.stringify(body)).not.toContain('10.0.0.3');
  });

  it('answers a bug with a generic 500 and logs it', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { response, body } = await get('/fail/bug');
    expect(response.statusCode).toBe(500);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(body.type).toBe('https://registry.example/problems/internal-error');
    expect(JSON.stringify(body)).not.toMatch(/password|TypeError/);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('password'), expect.any(String));
    logged.mockRestore();
  });

  it('answers invalid JSON with 400', async () => {
    const response = await post('{"reference": ');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.json()).toMatchObject({ status: 400, detail: expect.stringMatching(/JSON/) });
  });

  it('answers a body that is not JSON with 415', async () => {
    const response = await post('<decision/>', 'application/xml');
    expect(response.statusCode).toBe(415);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.json()).toMatchObject({
      status: 415,
      type: 'https://registry.example/problems/unsupported-media-type',
      detail: expect.stringContaining('application/json'),
    });
  });

  it('answers a body sent without a Content-Type with 415', async () => {
    const response = await app.inject({ method: 'POST', url: '/fail/echo', payload: '{"a":1}' });
    expect(response.statusCode).toBe(415);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.json()).toMatchObject({
      status: 415,
      detail: expect.stringContaining('application/json'),
    });
  });

  it('answers a body over 1 MiB with 413, and accepts one just under', async () => {
    const json = (size: number) => JSON.stringify({ text: 'x'.repeat(size - 11) });
    expect(json(BODY_LIMIT_BYTES)).toHaveLength(BODY_LIMIT_BYTES);
    expect((await post(json(BODY_LIMIT_BYTES))).statusCode).toBe(201);
    const response = await post(json(BODY_LIMIT_BYTES + 1));
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.json()).toMatchObject({
      type: 'https://registry.example/problems/payload-too-large',
    });
  });

  it.each([
    ['{"__proto__": {"admin": true}}', '/__proto__'],
    ['{"text": "x", "constructor": {"prototype": {"admin": true}}}', '/constructor'],
    ['{"text": "x", "nested": {"__proto__": {"admin": true}}}', '/nested/__proto__'],
  ])(
    'answers the valid JSON %s (prototype poisoning) with 422 pointing at the key',
    async (json, pointer) => {
      const response = await post(json);
      expect(response.statusCode).toBe(422);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(response.json()).toMatchObject({
        type: 'https://registry.example/problems/validation-failed',
        detail: `${pointer} is not a field of this request`,
        errors: [{ pointer }],
      });
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
    },
  );

  it('carries an X-Correlation-Id on errors too', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/fail/nope',
      headers: { 'x-correlation-id': 'trace-1' },
    });
    expect(response.headers['x-correlation-id']).toBe('trace-1');
  });

  it('ignores a trailing slash', async () => {
    expect((await get('/fail/domain/')).response.statusCode).toBe(409);
  });
});
