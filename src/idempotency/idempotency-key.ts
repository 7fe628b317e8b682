import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { InvalidHeaderException } from '../http/problems/problem.exception';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/** Printable ASCII (space to tilde), 1 to 200 characters. */
const KEY = /^[\x20-\x7e]{1,200}$/;

/** The `Idempotency-Key` of a request: absent, or 1-200 printable ASCII characters (else 400). */
export function idempotencyKeyFrom(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (Array.isArray(header)) {
    throw new InvalidHeaderException(IDEMPOTENCY_KEY_HEADER, 'Send Idempotency-Key once');
  }
  if (!KEY.test(header)) {
    throw new InvalidHeaderException(
      IDEMPOTENCY_KEY_HEADER,
      `Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters, such as a UUID (got ${header.length} characters${header.length > 0 ? ', or characters outside printable ASCII' : ''})`,
    );
  }
  return header;
}

/**
 * What makes two requests "the same" for one key: SHA-256 over the method, the path (with its
 * query) and the body in RFC 8785 canonical form, so key order and white space do not matter.
 */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  const canonical = body === undefined || body === null ? '' : (canonicalize(body) ?? '');
  return createHash('sha256').update(`${method.toUpperCase()}\n${url}\n${canonical}`).digest('hex');
}

/**
 * What the events a keyed request records carry in their metadata (`idempotencyKey`): a digest
 * of the principal and the key (the key itself stays out of the audit feed), by which a retry
 * after a lost answer finds what the first attempt recorded.
 */
export function idempotencyDigest(principal: string, key: string): string {
  return createHash('sha256').update(`${principal}\n${key}`).digest('hex').slice(0, 32);
}
