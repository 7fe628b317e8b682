import { STATUS_CODES } from 'node:http';
import type { HttpException } from '@nestjs/common';
import type { MappedProblem } from './to-problem';

/** An HttpException (Nest's own, or a Fastify 4xx that Nest wrapped) as a problem of its status. */
export function fromHttpException(error: HttpException): MappedProblem {
  const status = error.getStatus();
  const mapped = fromStatus(status, messageOf(error.getResponse()) ?? error.message);
  // An HttpException of 5xx is a deliberate answer, but still a failure worth logging.
  return status >= 500 ? { ...mapped, log: 'error' } : mapped;
}

/** What the client should do, where the usual message only names the status. */
const ADVICE: Readonly<Record<number, string>> = {
  415: 'Send the request body as JSON, with Content-Type: application/json.',
  429: 'Too many requests from this client; retry after the number of seconds in Retry-After.',
};

/** `413` -> `payload-too-large`: the code of a plain HTTP status is its reason phrase. */
export function fromStatus(status: number, detail: string): MappedProblem {
  const phrase = STATUS_CODES[status] ?? 'Error';
  const code = phrase
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return { status, code, detail: ADVICE[status] ?? (detail || phrase) };
}

function messageOf(response: string | object): string | undefined {
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return undefined;
}

/** Fastify's own errors (`FST_ERR_CTP_*`, ...) carry the 4xx status they answer with. */
export function isFastifyClientError(error: unknown): error is Error & { statusCode: number } {
  if (!(error instanceof Error)) return false;
  const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
  return (
    typeof statusCode === 'number' &&
    statusCode >= 400 &&
    statusCode < 500 &&
    typeof code === 'string' &&
    code.startsWith('FST_')
  );
}
