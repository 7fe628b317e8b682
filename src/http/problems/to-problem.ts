import { HttpException } from '@nestjs/common';
import { fromHttpException, fromStatus, isFastifyClientError } from './http-status-problem';
import {
  InvalidAppendError,
  StoreFeatureUnsupportedError,
  StoreUnavailableError,
  WrongExpectedStateError,
} from '../../event-store/errors';
import { PreconditionFailedError } from '../../shared/application/write-result';
import { DomainError } from '../../shared/domain/domain-error';
import type { ProblemInit } from './problem.exception';
import { ProblemException } from './problem.exception';

/** A problem to answer, and whether the failure deserves a line in the server log. */
export interface MappedProblem extends ProblemInit {
  readonly log?: 'error' | 'warn' | 'debug';
}

/**
 * The client went away before its request was received in full (it closed the connection, or
 * the request timeout closed it): Node ends the request body with `Error: aborted`. Nobody is
 * left to answer, and nothing failed on the server: a debug line, no stack, no 500.
 */
const CLIENT_ABORTED: MappedProblem = {
  status: 400,
  code: 'request-aborted',
  detail: 'The connection closed before the whole request was received; nothing was done.',
  log: 'debug',
};

/** Node's `aborted` error on a request body whose connection closed early. */
export function isClientAbort(error: unknown): boolean {
  // Not `instanceof Error`: an error of Node's own may come from another realm (as under Jest).
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    (code === 'ECONNRESET' && message === 'aborted') ||
    code === 'ECONNABORTED' ||
    code === 'ERR_STREAM_PREMATURE_CLOSE'
  );
}

const INTERNAL_ERROR: MappedProblem = {
  status: 500,
  code: 'internal-error',
  detail: 'The server failed to handle the request. It has been logged; nothing more can be said.',
  log: 'error',
};

/** Maps anything a handler, a pipe or Fastify threw to the problem the client gets. */
export function toProblem(error: unknown): MappedProblem {
  if (error instanceof ProblemException) return error.problem;
  if (error instanceof DomainError) {
    return {
      status: error.status,
      code: error.code,
      detail: error.message,
      ...(error.pointer !== undefined
        ? { errors: [{ pointer: error.pointer, detail: error.message }] }
        : {}),
    };
  }
  if (error instanceof PreconditionFailedError) return preconditionFailed(error);
  if (error instanceof WrongExpectedStateError) {
    return {
      status: 409,
      code: 'concurrent-change',
      detail:
        'Another request changed the same record while this one was handled; nothing was written. Read it again and retry.',
    };
  }
  if (error instanceof StoreUnavailableError) {
    return {
      status: 503,
      code: 'store-unavailable',
      detail: 'The event store cannot be reached right now. Retry in a few seconds.',
      headers: { 'Retry-After': '5' },
      log: 'warn',
    };
  }
  if (error instanceof StoreFeatureUnsupportedError) {
    return {
      status: 501,
      code: 'store-feature-unsupported',
      detail: `The configured event store cannot do what this request needs: ${error.message}`,
      log: 'warn',
    };
  }
  if (error instanceof InvalidAppendError) {
    return { status: 422, code: 'invalid-append', detail: error.message };
  }
  if (error instanceof HttpException) return fromHttpException(error);
  if (isFastifyClientError(error)) return fromStatus(error.statusCode, error.message);
  if (isClientAbort(error)) return CLIENT_ABORTED;
  return INTERNAL_ERROR;
}

function preconditionFailed(error: PreconditionFailedError): MappedProblem {
  const now = error.actual === undefined ? 'is not recorded' : `is at revision ${error.actual}`;
  return {
    status: 412,
    code: 'precondition-failed',
    detail: `If-Match named revision ${error.expected}, but the record ${now}; nothing was written. Read it again and retry with its current ETag.`,
  };
}
