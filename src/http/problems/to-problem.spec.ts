import { NotFoundException } from '@nestjs/common';
import {
  InvalidAppendError,
  StoreFeatureUnsupportedError,
  StoreUnavailableError,
  WrongExpectedStateError,
} from '../../event-store/errors';
import { PreconditionFailedError } from '../../shared/application/write-result';
import { DomainError } from '../../shared/domain/domain-error';
import { problemType, titleOf } from './problem-details';
import { InvalidHeaderException } from './problem.exception';
import { toProblem } from './to-problem';

describe('toProblem', () => {
  it('answers a domain error with its status and code, pointing at its field', () => {
    const error = new DomainError(
      'closed-before-established',
      422,
      'Closed before established',
      '/closedOn',
    );
    expect(toProblem(error.within('/effects/1'))).toEqual({
      status: 422,
      code: 'closed-before-established',
      detail: 'Closed before established',
      errors: [{ pointer: '/effects/1/closedOn', detail: 'Closed before established' }],
    });
  });

  it('leaves errors out of a domain error without a pointer', () => {
    expect(toProblem(new DomainError('unknown-operation', 404, 'No such operation'))).toEqual({
      status: 404,
      code: 'unknown-operation',
      detail: 'No such operation',
    });
  });

  it('answers a failed If-Match with 412, naming both revisions but not the stream', () => {
    const problem = toProblem(new PreconditionFailedError('field-operation-x', 3n, 5n));
    expect(problem).toMatchObject({ status: 412, code: 'precondition-failed' });
    expect(problem.detail).toMatch(/revision 3.*revision 5/);
    expect(problem.detail).not.toContain('field-operation-x');
  });

  it('answers a lost race with 409, telling the client to re-read and retry', () => {
    const problem = toProblem(new WrongExpectedStateError('field-operation-x', 3n, 4n));
    expect(problem).toMatchObject({ status: 409, code: 'concurrent-change' });
    expect(problem.detail).toMatch(/retry/i);
    expect(problem.detail).not.toContain('field-operation-x');
  });

  it('answers an unreachable store with 503 and Retry-After: 5', () => {
    expect(toProblem(new StoreUnavailableError('gRPC 14 at 10.0.0.3'))).toMatchObject({
      status: 503,
      code: 'store-unavailable',
      headers: { 'Retry-After': '5' },
      log: 'warn',
    });
    expect(toProblem(new StoreUnavailableError('gRPC 14 at 10.0.0.3')).detail).not.toContain(
      '10.0.0.3',
    );
  });

  it('answers a missing store feature with 501 and an invalid append with 422', () => {
    expect(toProblem(new StoreFeatureUnsupportedError('no multi-stream append')).status).toBe(501);
    expect(toProblem(new InvalidAppendError('a stream twice'))).toMatchObject({
      status: 422,
      code: 'invalid-append',
    });
  });

  it('answers an HttpException with its status, coded by the reason phrase', () => {
    expect(toProblem(new NotFoundException('Cannot GET /nope'))).toEqual({
      status: 404,
      code: 'not-found',
      detail: 'Cannot GET /nope',
    });
  });

  it('keeps the header of a problem exception', () => {
    expect(toProblem(new InvalidHeaderException('If-Match', 'bad')).errors).toEqual([
      { header: 'If-Match', detail: 'bad' },
    ]);
  });

  it('answers a Fastify client error with its status', () => {
    const error = Object.assign(new Error('Request body is too large'), {
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
      statusCode: 413,
    });
    expect(toProblem(error)).toEqual({
      status: 413,
      code: 'payload-too-large',
      detail: 'Request body is too large',
    });
  });

  it('answers anything else with a generic 500 that reveals nothing and is logged', () => {
    const problem = toProblem(new TypeError('Cannot read properties of undefined (secret)'));
    expect(problem).toMatchObject({ status: 500, code: 'internal-error', log: 'error' });
    expect(problem.detail).not.toContain('secret');
    expect(toProblem('a string').status).toBe(500);
  });
});

describe('problem type and title', () => {
  it('are derived from the stable code', () => {
    expect(problemType('already-established')).toBe(
      'https://registry.example/problems/already-established',
    );
    expect(titleOf('already-established')).toBe('Already established');
  });

  it('answers a client abort as a 4xx logged at debug, not as a 500 logged with its stack', () => {
    // What Node ends a request body with when the client closes the connection mid-upload.
    const aborted = Object.assign(new Error('aborted'), { code: 'ECONNRESET', statusCode: 400 });
    expect(toProblem(aborted)).toMatchObject({
      status: 400,
      code: 'request-aborted',
      log: 'debug',
    });
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    expect(toProblem(reset)).toMatchObject({ status: 500, log: 'error' });
  });
});
