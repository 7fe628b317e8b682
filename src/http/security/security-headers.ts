import helmet, { type HelmetOptions } from 'helmet';

/** Where the Swagger UI lives: its HTML, scripts and styles need a page policy, not the API's. */
export const DOCS_PATH = '/api/docs';

/**
 * The API answers data, never pages: nothing in a response may load, run or be framed
 * (`Content-Security-Policy`, `X-Frame-Options: DENY`), be sniffed into something else
 * (`X-Content-Type-Options: nosniff`), be read by another origin's page (`Cross-Origin-Resource-
 * Policy: same-origin`) or leak a referrer; HTTPS is kept (`Strict-Transport-Security`). Helmet's
 * headers that only act on documents a browser renders are left out of JSON answers, where they
 * are moot: `Cross-Origin-Opener-Policy` and `Origin-Agent-Cluster` (browsing contexts),
 * `X-DNS-Prefetch-Control` (links in a page), `X-Download-Options` (IE8 opening HTML downloads),
 * `X-Permitted-Cross-Domain-Policies` (Flash and PDF policy files) and `X-XSS-Protection: 0`
 * (turns off old browsers' XSS filter on HTML). Each was ~40 bytes and a header to validate and
 * write on every answer. The Swagger UI, a page, keeps them all (`DOCS_SECURITY_HEADERS`).
 */
export const API_SECURITY_HEADERS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"] },
  },
  frameguard: { action: 'deny' },
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
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

/** The Swagger UI's pages: every header helmet sets by default, with the page policy above. */
export const DOCS_SECURITY_HEADERS: HelmetOptions = {
  contentSecurityPolicy: DOCS_CONTENT_SECURITY_POLICY,
  frameguard: { action: 'deny' },
};

/** Whether a route serves the Swagger UI or the OpenAPI document. */
export function isDocsRoute(url: string): boolean {
  return url === DOCS_PATH || url.startsWith(`${DOCS_PATH}/`) || url.startsWith(`${DOCS_PATH}-`);
}

/** Response headers by lower-case name, as `reply.headers()` takes them. */
export type SecurityHeaders = Readonly<Record<string, string>>;

interface HeaderSink {
  setHeader(name: string, value: string | number | readonly string[]): void;
  removeHeader(name: string): void;
}
type HelmetMiddleware = (
  request: object,
  response: HeaderSink,
  next: (error?: unknown) => void,
) => void;

/** helmet's middleware, which only ever sets and removes headers on the response it is given. */
const middlewareOf = helmet as unknown as (options: Readonly<HelmetOptions>) => HelmetMiddleware;

/**
 * The headers helmet sets for `options`, computed once. `@fastify/helmet` builds helmet's
 * middleware again on every request (parsing the policy each time) and writes each header on the
 * raw response; but with static options (no CSP directive computed per request: refused here)
 * helmet writes the same headers on every response, so `configureHttp` sets this prebuilt set
 * instead. Throws at start for options whose headers would depend on the request.
 */
export function securityHeadersOf(options: HelmetOptions): SecurityHeaders {
  const csp = options.contentSecurityPolicy;
  const directives = typeof csp === 'object' ? (csp.directives ?? {}) : {};
  for (const [name, value] of Object.entries(directives)) {
    const entries: unknown[] = Array.isArray(value) ? value : [value];
    if (entries.some((entry) => typeof entry === 'function')) {
      throw new Error(`The CSP directive ${name} is computed per request: not prebuildable`);
    }
  }
  const headers: Record<string, string> = {};
  const sink: HeaderSink = {
    setHeader: (name, value) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name) => {
      delete headers[name.toLowerCase()];
    },
  };
  middlewareOf(options)({}, sink, (error) => {
    // An invalid option; current helmet throws it itself, older versions passed it here.
    if (error) throw error instanceof Error ? error : new Error('helmet refused its options');
  });
  return Object.freeze(headers);
}
