import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify from 'fastify';
import { API_SECURITY_HEADERS, DOCS_SECURITY_HEADERS, securityHeadersOf } from './security-headers';

/** The headers `@fastify/helmet` itself sets with `options`, on a bare Fastify. */
async function pluginHeaders(options: FastifyHelmetOptions): Promise<Record<string, unknown>> {
  const fastify = Fastify();
  await fastify.register(fastifyHelmet, options);
  fastify.get('/', async () => ({}));
  const response = await fastify.inject({ method: 'GET', url: '/' });
  await fastify.close();
  const headers: Record<string, unknown> = { ...response.headers };
  for (const own of ['content-type', 'content-length', 'date', 'connection']) delete headers[own];
  return headers;
}

describe('securityHeadersOf', () => {
  it.each([
    ['the API', API_SECURITY_HEADERS],
    ['the Swagger UI', DOCS_SECURITY_HEADERS],
    ["helmet's defaults", {}],
  ])('prebuilds exactly the headers @fastify/helmet sets for %s', async (_name, options) => {
    const prebuilt = securityHeadersOf(options);
    expect(prebuilt).toEqual(await pluginHeaders(options));
    expect(Object.keys(prebuilt).length).toBeGreaterThan(5);
  });

  it("holds the API's policy: nothing may load, run or frame", () => {
    expect(securityHeadersOf(API_SECURITY_HEADERS)).toMatchObject({
      'content-security-policy': "default-src 'none';frame-ancestors 'none';base-uri 'none'",
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
    });
  });

  it('gives JSON answers the headers that act on data, and leaves out those for documents', () => {
    expect(Object.keys(securityHeadersOf(API_SECURITY_HEADERS)).sort()).toEqual([
      'content-security-policy',
      'cross-origin-resource-policy',
      'referrer-policy',
      'strict-transport-security',
      'x-content-type-options',
      'x-frame-options',
    ]);
  });

  it("gives the Swagger UI's pages every header helmet sets for documents", () => {
    expect(Object.keys(securityHeadersOf(DOCS_SECURITY_HEADERS)).sort()).toEqual(
      Object.keys(securityHeadersOf({})).sort(),
    );
    expect(securityHeadersOf(DOCS_SECURITY_HEADERS)).toMatchObject({
      'x-frame-options': 'DENY',
      'cross-origin-opener-policy': 'same-origin',
    });
  });

  it('refuses options whose headers would differ per request', () => {
    expect(() =>
      securityHeadersOf({
        contentSecurityPolicy: {
          directives: { defaultSrc: ["'self'"], scriptSrc: [() => "'nonce-x'"] },
        },
      }),
    ).toThrow(/scriptSrc/);
  });
});
