import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PresetAnswer } from '../responses/preset-answer';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails, problemType, titleOf } from './problem-details';
import { toProblem } from './to-problem';

/**
 * Answers every failure of an HTTP request as `application/problem+json` (RFC 9457), and sends a
 * `PresetAnswer` a guard gave instead of the route's as it is.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (exception instanceof PresetAnswer) {
      if (!reply.sent)
        void reply.status(exception.status).headers(exception.headers).send(exception.body);
      return;
    }
    const mapped = toProblem(exception);
    this.log(mapped.log, request, exception);
    if (reply.sent) return;
    const body: ProblemDetails = {
      type: problemType(mapped.code),
      title: titleOf(mapped.code),
      status: mapped.status,
      detail: mapped.detail,
      instance: request.url,
      ...(mapped.errors && mapped.errors.length > 0 ? { errors: mapped.errors } : {}),
    };
    void reply
      .status(mapped.status)
      .headers({ ...mapped.headers, 'content-type': PROBLEM_CONTENT_TYPE })
      .send(JSON.stringify(body));
  }

  private log(
    level: 'error' | 'warn' | 'debug' | undefined,
    request: FastifyRequest,
    error: unknown,
  ): void {
    if (!level) return;
    const what = `${request.method} ${request.url} failed: ${
      error instanceof Error ? error.message : String(error)
    }`;
    // Only a server failure carries its stack; a client's doing (such as an abort) is one line.
    if (level === 'error')
      this.logger.error(what, error instanceof Error ? error.stack : undefined);
    else if (level === 'warn') this.logger.warn(what);
    else this.logger.debug(what);
  }
}
