import { Body, Controller, Get, Logger, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { configureHttp, createFastifyAdapter, REQUEST_TIMEOUT_MS } from '../../src/http';
import { sendRaw } from './support/raw-socket';

const PROBLEM_JSON = /^application\/problem\+json(;|$)/;
/** Short, so the test is fast; production uses `REQUEST_TIMEOUT_MS`. */
const TIMEOUT_MS = 300;

@Controller()
class UploadController {
  @Post('upload')
  upload(@Body() body: Record<string, unknown>): unknown {
    return { received: Object.keys(body) };
  }

  /** A request received at once whose answer takes three timeouts (an export, a long wait). */
  @Get('slow')
  async slow(): Promise<unknown> {
    await sleep(TIMEOUT_MS * 3);
    return { done: true };
  }

  @Get('fast')
  fast(): unknown {
    return { done: true };
  }
}

@Module({ controllers: [UploadController] })
class UploadModule {}

/**
 * Finding 7: a client that stops sending in the middle of a request no longer holds its
 * connection for ever (Fastify's `requestTimeout` was 0), while slow answers and idle keep-alive
 * connections are left alone; a client that goes away is no server error.
 */
describe('Request timeout and client aborts (finding 7)', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(
      UploadModule,
      createFastifyAdapter({ requestTimeoutMs: TIMEOUT_MS }),
      { logger: false, abortOnError: false },
    );
    configureHttp(app);
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await app?.close();
  });
  afterEach(() => jest.restoreAllMocks());

  it('sets a request timeout of 30 s by default', () => {
    const { server } = createFastifyAdapter().getInstance();
    expect(REQUEST_TIMEOUT_MS).toBe(30_000);
    expect(server.requestTimeout).toBe(30_000);
    expect(server.headersTimeout).toBe(30_000);
  });

  it.each([
    [
      'a body that stops half-way',
      'POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"id"',
    ],
    ['headers that never end', 'POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: appl'],
  ])('answers %s with a 408 problem and closes the connection', async (_label, bytes) => {
    const answer = await sendRaw(baseUrl, bytes, { waitMs: TIMEOUT_MS * 10 });
    expect(answer.status).toBe(408);
    expect(answer.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(JSON.parse(answer.body)).toMatchObject({
      type: 'https://registry.example/problems/request-timeout',
      status: 408,
      detail: expect.stringMatching(/not received in full within 0\.3 s/),
    });
    expect(answer.closed).toBe(true);
    expect(answer.elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
  });

  it('lets a request received in full take longer than the timeout to answer', async () => {
    const response = await fetch(`${baseUrl}/slow`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
  });

  it('accepts a whole upload sent in pieces within the timeout', async () => {
    const socket = await opened();
    const answer = nextAnswer(socket);
    socket.write('POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n');
    await sleep(TIMEOUT_MS / 4);
    socket.write('Content-Length: 10\r\n\r\n{"a"');
    await sleep(TIMEOUT_MS / 4);
    socket.write(':true}');
    expect(await answer).toMatch(/^HTTP\/1\.1 201 [^]*\{"received":\["a"\]\}$/);
    socket.destroy();
  });

  it('keeps an idle keep-alive connection open for its next request', async () => {
    const socket = await opened();
    const request = 'GET /fast HTTP/1.1\r\nHost: x\r\n\r\n';
    const first = nextAnswer(socket);
    socket.write(request);
    expect(await first).toMatch(/^HTTP\/1\.1 200 /);
    await sleep(TIMEOUT_MS * 3);
    expect(socket.destroyed).toBe(false);
    const second = nextAnswer(socket);
    socket.write(request);
    expect(await second).toMatch(/^HTTP\/1\.1 200 /);
    socket.destroy();
  });

  it('logs a client that aborts its upload at debug level, without a stack, not as an error', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const debug = jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
    const socket = await opened();
    socket.write(
      'POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"id"',
    );
    await sleep(50);
    socket.destroy();
    await waitFor(() => debug.mock.calls.some(([line]) => /aborted/.test(String(line))));
    // (`Error: aborted` under Jest, where Node's errors are not `instanceof Error`.)
    expect(debug).toHaveBeenCalledWith(
      expect.stringMatching(/^POST \/upload failed: (Error: )?aborted$/),
    );
    expect(error).not.toHaveBeenCalled();
  });

  function opened(): Promise<Socket> {
    const url = new URL(baseUrl);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => resolve(socket));
      socket.on('error', reject);
    });
  }

  /** The next whole answer (head and Content-Length body) on a connection, as text. */
  function nextAnswer(socket: Socket): Promise<string> {
    return new Promise((resolve, reject) => {
      let text = '';
      const onData = (chunk: Buffer) => {
        text += chunk.toString('utf8');
        const end = text.indexOf('\r\n\r\n');
        const length = /content-length: (\d+)/i.exec(text)?.[1];
        if (end >= 0 && length !== undefined && text.length >= end + 4 + Number(length)) {
          socket.off('data', onData);
          resolve(text);
        }
      };
      socket.on('data', onData);
      socket.once('close', () => reject(new Error(`closed after: ${text}`)));
    });
  }
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await sleep(10);
  }
}
