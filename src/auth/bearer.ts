/** What the `Authorization` header holds. */
export type Credentials =
  | { readonly kind: 'none' }
  | { readonly kind: 'unsupported' }
  | { readonly kind: 'bearer'; readonly token: string };

/** RFC 6750 b64token after `Bearer ` (any case); 8 KiB at most, which any real JWT fits in. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
const MAX_HEADER_LENGTH = 8 * 1024;

export function credentialsOf(authorization: unknown): Credentials {
  if (authorization === undefined || authorization === '') return { kind: 'none' };
  if (typeof authorization !== 'string' || authorization.length > MAX_HEADER_LENGTH) {
    return { kind: 'unsupported' };
  }
  const match = BEARER.exec(authorization);
  return match ? { kind: 'bearer', token: match[1] } : { kind: 'unsupported' };
}
