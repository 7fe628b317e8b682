import { BODY_LIMIT_BYTES } from '../../src/http';
import { RegistryUnderTest } from '../support/registry-app';
import { request } from 'node:http';
import { closeRawAgent, rawRequest } from './support/raw-http';

/** Sends `chunks` with Transfer-Encoding: chunked (no Content-Length); closes the socket after. */
function postChunked(
  url: string,
  headers: Record<string, string>,
  chunks: string[],
): Promise<{ status: number; contentType: string | undefined }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', headers, agent: false }, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, contentType: response.headers['content-type'] });
      outgoing.destroy();
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error);
    });
    for (const chunk of chunks) outgoing.write(chunk);
    outgoing.end();
  });
}

const PROBLEM_JSON = /^application\/problem\+json(;|$)/;
const headOf = async (registry: RegistryUnderTest) =>
  String((await registry.get('/health')).body.eventStore.headPosition);

describe('HTTP hardening: body size, security headers, CORS (issue 6, item 4)', () => {
  let registry: RegistryUnderTest;
  beforeAll(async () => {
    registry = await RegistryUnderTest.startWithPressRelease('sqlite');
  }, 30_000);
  afterAll(async () => {
    closeRawAgent();
    await registry?.stop();
  });

  describe('body size limit', () => {
    const recorder = () => ({
      authorization: `Bearer ${registry.keys.recorder}`,
      'content-type': 'application/json',
    });
    const bodyOf = (size: number) => {
      const shell = JSON.stringify({ id: 'too-big', name: '', admittedOn: '1992' });
      return shell.replace('"name":""', `"name":"${'x'.repeat(size - shell.length)}"`);
    };

    it('answers a body one byte over 1 MiB with 413, and writes nothing', async () => {
      const before = await headOf(registry);
      const body = bodyOf(BODY_LIMIT_BYTES + 1);
      expect(Buffer.byteLength(body)).toBe(BODY_LIMIT_BYTES + 1);
      const response = await rawRequest(
        registry.baseUrl,
        'POST',
        '/api/participating-states',
        body,
        recorder(),
      );
      expect(response.status).toBe(413);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(JSON.parse(response.text)).toMatchObject({
        type: 'https://registry.example/problems/payload-too-large',
      });
      expect(await headOf(registry)).toBe(before);
    });

    it('reads a body of exactly 1 MiB (and refuses its over-long name with 422, not 413)', async () => {
      const body = bodyOf(BODY_LIMIT_BYTES);
      expect(Buffer.byteLength(body)).toBe(BODY_LIMIT_BYTES);
      const exact = await rawRequest(
        registry.baseUrl,
        'POST',
        '/api/participating-states',
        body,
        recorder(),
      );
      expect(exact.status).toBe(422);
      expect(JSON.parse(exact.text).errors).toEqual([
        expect.objectContaining({ pointer: '/name' }),
      ]);
    });

    it('answers 413 to a chunked body (no Content-Length) that grows past 1 MiB', async () => {
      const before = await headOf(registry);
      const { status, contentType } = await postChunked(
        `${registry.baseUrl}/api/participating-states`,
        recorder(),
        [
          '{"id":"chunked","name":"',
          ...Array(20).fill('x'.repeat(64 * 1024)),
          '","admittedOn":"1992"}',
        ],
      );
      expect(status).toBe(413);
      expect(contentType).toMatch(PROBLEM_JSON);
      expect(await headOf(registry)).toBe(before);
    });
  });

  describe('security headers (@fastify/helmet)', () => {
    it.each(['/api/field-operations', '/api/participating-states/nowhere', '/health'])(
      'gives %s the API headers: nothing may load, run or frame',
      async (path) => {
        const response = await registry.get(path);
        expect(response.headers.get('content-security-policy')).toBe(
          "default-src 'none';frame-ancestors 'none';base-uri 'none'",
        );
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('x-frame-options')).toBe('DENY');
        expect(response.headers.get('referrer-policy')).toBe('no-referrer');
        expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
        expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
        // Headers that only act on documents a browser renders are moot on JSON (README).
        expect(response.headers.get('cross-origin-opener-policy')).toBeNull();
        expect(response.headers.get('x-xss-protection')).toBeNull();
      },
    );

    it('serves the Swagger UI at /api/docs with a policy that lets its own scripts and styles load', async () => {
      const page = await registry.get('/api/docs');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("img-src 'self' data:");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      // Every script of the page is a same-origin file (an inline one would be blocked).
      const scripts = [...String(page.body).matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const attributes of scripts) expect(attributes).toMatch(/src=["'](?!https?:)/);
      for (const asset of ['swagger-ui-bundle.js', 'swagger-ui-init.js', 'swagger-ui.css']) {
        const response = await fetch(`${registry.baseUrl}/api/docs/${asset}`);
        expect([asset, response.status, (await response.text()).length > 0]).toEqual([
          asset,
          200,
          true,
        ]);
      }
      expect((await registry.get('/api/docs/openapi.json')).status).toBe(200);
    });
  });

  describe('CORS', () => {
    const preflight = (base: string, origin: string) =>
      fetch(`${base}/api/decisions`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers':
            'authorization, content-type, if-match, idempotency-key',
        },
      });

    it('by default allows no other origin: no Access-Control-Allow-Origin on preflight or reads', async () => {
      const response = await preflight(registry.baseUrl, 'https://osce.example');
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      const read = await fetch(`${registry.baseUrl}/api/field-operations`, {
        headers: { origin: 'https://osce.example' },
      });
      expect(read.status).toBe(200);
      await read.text();
      expect(read.headers.get('access-control-allow-origin')).toBeNull();
    });

    describe('with REGISTRY_CORS_ORIGINS=https://osce.example', () => {
      let configured: RegistryUnderTest;
      beforeAll(async () => {
        configured = await RegistryUnderTest.start('sqlite', {
          corsOrigins: ['https://osce.example'],
        });
      });
      afterAll(async () => configured?.stop());

      it('answers the preflight of a write from that origin, with the headers a write needs', async () => {
        const response = await preflight(configured.baseUrl, 'https://osce.example');
        expect(response.status).toBe(204);
        expect(response.headers.get('access-control-allow-origin')).toBe('https://osce.example');
        expect(response.headers.get('access-control-allow-methods')).toContain('POST');
        const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase();
        for (const header of ['authorization', 'content-type', 'if-match', 'idempotency-key']) {
          expect(allowed).toContain(header);
        }
        expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      });

      it('lets that origin read ETag and Location, and refuses any other origin', async () => {
        const read = await fetch(`${configured.baseUrl}/api/field-operations`, {
          headers: { origin: 'https://osce.example' },
        });
        await read.text();
        expect(read.headers.get('access-control-allow-origin')).toBe('https://osce.example');
        expect(read.headers.get('access-control-expose-headers')).toMatch(/ETag.*Location/);
        const denied = await preflight(configured.baseUrl, 'https://evil.example');
        expect(denied.headers.get('access-control-allow-origin')).toBeNull();
      });
    });

    it('allows every origin with REGISTRY_CORS_ORIGINS=*', async () => {
      const open = await RegistryUnderTest.start('sqlite', { corsOrigins: '*' });
      try {
        const response = await preflight(open.baseUrl, 'https://anywhere.example');
        expect(response.headers.get('access-control-allow-origin')).toBe('*');
      } finally {
        await open.stop();
      }
    });
  });
});
