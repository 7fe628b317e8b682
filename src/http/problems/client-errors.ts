import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { Logger } from '@nestjs/common';
import { API_SECURITY_HEADERS, securityHeadersOf } from '../security/security-headers';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails, problemType, titleOf } from './problem-details';

/** What Node's HTTP parser reports with `clientError` (Fastify's `ConnectionError`). */
interface ClientError extends Error {
  readonly code?: string;
  /** llhttp's own words, such as `Invalid header value char`. */
  readonly reason?: string;
}

interface ClientProblem {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
}

/**
 * Why llhttp refused a request, as a client can act on it. Each is a request that never reached
 * Fastify's router, so no route, guard or filter saw it.
 */
const MALFORMED: Readonly<Record<string, string>> = {
  HPE_INVALID_CONTENT_LENGTH:
    'Content-Length must be one non-negative whole number in decimal digits, sent once',
  HPE_UNEXPECTED_CONTENT_LENGTH:
    'Content-Length must be sent once, and not together with Transfer-Encoding',
  HPE_INVALID_TRANSFER_ENCODING:
    'Transfer-Encoding must be chunked (or end with chunked), and not be sent together with Content-Length',
  HPE_INVALID_CHUNK_SIZE:
    'The chunked body is malformed: each chunk must start with its size in hexadecimal and CRLF',
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 'The chunked body carries chunk extensions that are too long',
  HPE_INVALID_HEADER_TOKEN:
    'A header is malformed: a line without a colon, a name with a character not allowed in a token, or a value with a control character',
  HPE_INVALID_URL:
    'The request target is malformed: spaces, control characters and non-ASCII characters in it must be percent-encoded',
  HPE_INVALID_CONSTANT:
    'The request line must be a method, a target and HTTP/1.1, separated by single spaces: spaces in the target must be percent-encoded (%20)',
  HPE_INVALID_METHOD: 'The request method is not a valid HTTP method',
  HPE_INVALID_VERSION: 'The request line must end with HTTP/1.1 (or HTTP/1.0) and CRLF',
  HPE_CR_EXPECTED: 'A line of the request does not end with CRLF',
  HPE_LF_EXPECTED: 'A line of the request does not end with CRLF',
  HPE_UNEXPECTED_SPACE: 'The request line or a header has a space where none is allowed',
  HPE_INVALID_EOF_STATE: 'The connection was closed in the middle of the request',
  HPE_PAUSED_H2_UPGRADE: 'HTTP/2 without TLS is not served; send HTTP/1.1',
};

/** A problem for what Node's HTTP parser or its timers refused, before Fastify saw a request. */
export function clientErrorProblem(
  error: ClientError,
  options: { requestTimeoutMs: number },
): ClientProblem {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    const seconds = Math.max(options.requestTimeoutMs / 1000, 0.001);
    return {
      status: 408,
      code: 'request-timeout',
      detail: `The request was not received in full within ${seconds} s; nothing was done. Send the headers and the whole body without pausing.`,
    };
  }
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return {
      status: 431,
      code: 'request-header-fields-too-large',
      detail: `The request line (URL included) and headers together exceed ${maxHeaderSize} bytes; nothing was done. Shorten the query string or the headers.`,
    };
  }
  const known = error.code === undefined ? undefined : MALFORMED[error.code];
  // llhttp's reason (one of a fixed set of phrases) says which of a code's causes it was.
  const reason = printable(error.reason);
  const why = known
    ? `${known}${reason ? ` (the parser said: ${reason})` : ''}`
    : reason
      ? `The parser said: ${reason}`
      : 'It could not be parsed';
  return {
    status: 400,
    code: 'malformed-request',
    detail: `The request is not well-formed HTTP/1.1; nothing was done. ${why}.`,
  };
}

/** At most 100 printable ASCII characters of the parser's reason, never the request's bytes. */
function printable(text: string | undefined): string | undefined {
  if (typeof text !== 'string') return undefined;
  const clean = text.replace(/[^\x20-\x7e]/g, '').slice(0, 100);
  return clean.trim() === '' ? undefined : clean;
}

/** A complete HTTP/1.1 answer carrying `problem` as `application/problem+json`, then closing. */
export function rawProblemResponse(
  problem: ClientProblem,
  headers: Readonly<Record<string, string>>,
): string {
  const document: ProblemDetails = {
    type: problemType(problem.code),
    title: titleOf(problem.code),
    status: problem.status,
    detail: problem.detail,
  };
  const body = JSON.stringify(document);
  const lines = [
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? 'Error'}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    'Cache-Control: no-store',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** Whether a response on this socket has already begun (its status line is on the wire). */
function responseBegun(socket: Socket): boolean {
  const current = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  return current?.headersSent === true;
}

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP server refuses before Fastify sees a request
 * (malformed request line, headers or chunked body, headers over `maxHeaderSize`, a request not
 * received within `requestTimeout`) answered as a problem document, as every other error is,
 * instead of Fastify's `{"error":"Bad Request","message":"Client Error"}`. The handler writes the
 * answer to the socket itself and closes it: after a parse error the connection cannot be read
 * on. A connection reset, a destroyed or unwritable socket, or a response already under way gets
 * no answer, only the socket closed. It never throws (a throw here would end the process).
 */
export function clientErrorAsProblem(options: {
  requestTimeoutMs: number;
}): (error: Error, socket: Socket) => void {
  const logger = new Logger('HTTP');
  let headers: Readonly<Record<string, string>> | undefined;
  return (error, socket) => {
    try {
      const clientError = error as ClientError;
      if (clientError.code === 'ECONNRESET' || socket.destroyed) return;
      if (!socket.writable || responseBegun(socket)) {
        socket.destroy();
        return;
      }
      const problem = clientErrorProblem(clientError, options);
      logger.debug(`Client error ${clientError.code ?? 'unknown'}: answered ${problem.status}`);
      headers ??= securityHeadersOf(API_SECURITY_HEADERS);
      socket.end(rawProblemResponse(problem, headers), () => socket.destroy());
    } catch {
      socket.destroy();
    }
  };
}
