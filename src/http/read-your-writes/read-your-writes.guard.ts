import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import type { ReadModelProgress } from '../../projections/read-model-progress';
import { ProblemException } from '../problems/problem.exception';
import { minPositionFrom, withoutMinPosition } from './min-position';

export const DEFAULT_READ_YOUR_WRITES_TIMEOUT_MS = 2000;

/**
 * Read-your-writes for every GET: with `?minPosition=N` or `X-Min-Position: N`, the read waits
 * until the read models have processed position N, and answers 503 (`Retry-After: 1`) if they do
 * not within the timeout. Runs before pipes, so query DTOs never see `minPosition`.
 */
export class ReadYourWritesInterceptor implements NestInterceptor {
  /** `progress` is looked up per request: an app without read models has none. */
  constructor(
    private readonly progress: () => ReadModelProgress | undefined,
    private readonly timeoutMs = DEFAULT_READ_YOUR_WRITES_TIMEOUT_MS,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.method !== 'GET' && request.method !== 'HEAD') return next.handle();
    const position = minPositionFrom(request.query, request.headers['x-min-position']);
    withoutMinPosition(request.query);
    if (position === undefined) return next.handle();
    const progress = this.progress();
    if (progress === undefined) return next.handle();
    if (!(await progress.waitFor(position, this.timeoutMs))) {
      throw new ProblemException({
        status: 503,
        code: 'read-models-behind',
        detail: `The read models have not reached position ${position} yet (waited ${this.timeoutMs} ms). Retry shortly.`,
        headers: { 'Retry-After': '1' },
      });
    }
    return next.handle();
  }
}
