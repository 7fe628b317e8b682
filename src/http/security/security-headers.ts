import type { FastifyHelmetOptions } from '@fastify/helmet';

/** Where the Swagger UI lives: its HTML, scripts and styles need a page policy, not the API's. */
export const DOCS_PATH = '/api/docs';

/**
 * The API answers data, never pages: nothing in a response may load, run or be framed. Helmet's
 * other headers keep their defaults (`X-Content-Type-Options: nosniff`, `Referrer-Policy:
 * no-referrer`, `Strict-Transport-Security`, `Cross-Origin-Resource-Policy: same-origin`, ...).
 */
export const API_SECURITY_HEADERS: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"] },
  },
  frameguard: { action: 'deny' },
};

/**
 * The Swagger UI: its own scripts and styles, its inline `<style>` blocks and `data:` icons; no
 * `upgrade-insecure-requests`, so that the docs of a registry served over plain HTTP still load.
 */
export const DOCS_CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/** Whether a route serves the Swagger UI or the OpenAPI document. */
export function isDocsRoute(url: string): boolean {
  return url === DOCS_PATH || url.startsWith(`${DOCS_PATH}/`) || url.startsWith(`${DOCS_PATH}-`);
}
