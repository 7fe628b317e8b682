import { randomUUID } from 'node:crypto';
import { InvalidHeaderException } from '../problems/problem.exception';

type HeaderValue = string | string[] | undefined;

const SANE_TOKEN = /^[A-Za-z0-9._:-]{1,100}$/;
export const MAX_REASON_LENGTH = 500;

/** The client's `X-Correlation-Id` when it is a sane token, else a fresh UUID. */
export function correlationIdFrom(header: HeaderValue): string {
  return typeof header === 'string' && SANE_TOKEN.test(header) ? header : randomUUID();
}

/** `X-Reason`: free text recorded with the events, trimmed; absent when blank. */
export function reasonFrom(header: HeaderValue): string | undefined {
  if (header === undefined) return undefined;
  if (Array.isArray(header)) throw new InvalidHeaderException('X-Reason', 'Send X-Reason once');
  const reason = header.trim();
  if (reason.length > MAX_REASON_LENGTH) {
    throw new InvalidHeaderException(
      'X-Reason',
      `X-Reason must be at most ${MAX_REASON_LENGTH} characters (it has ${reason.length})`,
    );
  }
  return reason || undefined;
}

const ENTITY_TAG = /^(?:"(\d{1,19})"|(\d{1,19}))$/;

/**
 * The stream revision named by `If-Match`: a strong entity tag `"3"` as the registry sends it in
 * `ETag`, or a bare `3`. Weak tags, lists and `*` are refused: a write needs one exact revision.
 */
export function expectedRevisionFrom(header: HeaderValue): bigint | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header.join(', ') : header.trim();
  const match = ENTITY_TAG.exec(value);
  if (!match) {
    throw new InvalidHeaderException(
      'If-Match',
      `If-Match must name one revision as the ETag gave it, such as "3" (got ${JSON.stringify(value.slice(0, 50))})`,
    );
  }
  return BigInt(match[1] ?? match[2]);
}
