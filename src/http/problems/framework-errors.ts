import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails, problemType, titleOf } from './problem-details';
import { toProblem } from './to-problem';

/**
 * Fastify's `frameworkErrors`: what its router refuses before any route (and so before Nest's
 * exception filter) runs, such as a path whose percent-encoding is broken (`/api/x/%ZZ`,
 * `FST_ERR_BAD_URL`). Answered as a problem like every other error, instead of Fastify's own JSON.
 */
export function frameworkErrorAsProblem(
  error: Error,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const mapped = toProblem(error);
  const body: ProblemDetails = {
    type: problemType(mapped.code),
    title: titleOf(mapped.code),
    status: mapped.status,
    detail: mapped.detail,
    instance: request.url,
  };
  void reply
    .status(mapped.status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(body));
}
