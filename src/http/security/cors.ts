import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** `@fastify/cors` options, as `app.enableCors` takes them (the package comes with the adapter). */
export type CorsOptions = NonNullable<Parameters<NestFastifyApplication['enableCors']>[0]>;

/** Request headers a cross-origin client may send on a write. */
const ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'If-Match',
  'Idempotency-Key',
  'X-Correlation-Id',
  'X-Reason',
  'X-Min-Position',
];

/** Response headers a cross-origin client may read. */
const EXPOSED_HEADERS = [
  'ETag',
  'Location',
  'Retry-After',
  'X-Correlation-Id',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
];

/**
 * CORS for the configured origins (`*`: any). Credentials are not allowed: clients authenticate
 * with a bearer header, never a cookie, so a page elsewhere cannot ride a user's session.
 * Undefined when no origin is configured: then no CORS header is ever sent (same origin only).
 */
export function corsOptions(origins: readonly string[] | '*' | undefined): CorsOptions | undefined {
  if (origins === undefined || (origins !== '*' && origins.length === 0)) return undefined;
  return {
    origin: origins === '*' ? '*' : [...origins],
    methods: ['GET', 'HEAD', 'POST'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    credentials: false,
    maxAge: 600,
  };
}
