import { randomUUID } from 'node:crypto';
import { InvalidHeaderException } from '../problems/problem.exception';

type HeaderValue = string | string[] | undefined;

const SANE_TOKEN = /^[A-Za-z0-9._:-]{1,100}$/;
export const MAX_REASON_LENGTH = 500;

/** The client's `X-Correlation-Id` when it is a sane token, else a fresh UUID. */
export function correlationIdFrom(header: HeaderValue): string {
  return typeof header === 'string' && SANE_TOKEN.test(header) ? header : randomUUID();
}

/**
 * `X-Reason`: free text recorded with the events, trimmed; absent when blank. Sent as UTF-8 or
 * latin1 bytes (`headerText`), at most `MAX_REASON_LENGTH` characters.
 */
export function reasonFrom(header: HeaderValue): string | undefined {
  if (header === undefined) return undefined;
  if (Array.isArray(header)) throw new InvalidHeaderException('X-Reason', 'Send X-Reason once');
  const reason = headerText('X-Reason', header).trim();
  if (reason.length > MAX_REASON_LENGTH) {
    throw new InvalidHeaderException(
      'X-Reason',
      `X-Reason must be at most ${MAX_REASON_LENGTH} characters (it has ${reason.length})`,
    );
  }
  return reason || undefined;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
/** Bytes outside printable ASCII (after Node's latin1 decoding of the header). */
const NOT_PRINTABLE_ASCII = /[^\t\x20-\x7e]/;
/** C0 controls other than tab, DEL and the C1 controls: not text (tab is allowed, as in bodies). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;

/**
 * The text a client meant by a free-text header. HTTP carries header values as bytes, and Node
 * hands them over decoded as latin1, one character per byte. Clients that can send any text send
 * UTF-8 (curl, most libraries: "Réunion" arrives as "RÃ©union"), and browsers' `fetch`, which
 * allows only byte strings, sends latin1 ("Réunion" as one byte for é). So the bytes are read as
 * UTF-8 when they are well-formed UTF-8, else as the latin1 they then must be (latin1 text is
 * almost never well-formed UTF-8 by accident). Either way a control character is refused with a
 * 400 naming the header, rather than recorded. Printable ASCII, the same in every reading, is
 * returned as it is.
 */
export function headerText(name: string, value: string): string {
  if (!NOT_PRINTABLE_ASCII.test(value)) return value;
  // A character above U+00FF cannot have come from the wire.
  // eslint-disable-next-line no-control-regex -- a range of code points, not controls
  if (/[^\u0000-\u00ff]/.test(value)) {
    throw new InvalidHeaderException(name, `${name} must be sent as bytes: UTF-8 or latin1 text`);
  }
  let text: string;
  try {
    text = UTF8.decode(Buffer.from(value, 'latin1'));
  } catch {
    text = value;
  }
  if (CONTROL.test(text)) {
    throw new InvalidHeaderException(
      name,
      `${name} holds a control character (only printable text and tabs are allowed)`,
    );
  }
  return text;
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
