import type { CanActivate, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { ReadModelProgress } from '../../projections/read-model-progress';
import { ProblemException } from '../problems/problem.exception';
import { minPositionFrom, withoutMinPosition } from './min-position';

export const DEFAULT_READ_YOUR_WRITES_TIMEOUT_MS = 2000;

/**
 * Read-your-writes for every GET: with `?minPosition=N` or `X-Min-Position: N`, the read waits
 * until the read models have processed position N, and answers 503 (`Retry-After: 1`) if they do
 * not within the timeout. A global guard, installed by `configureHttp` after authentication (so
 * only a client allowed to read makes the registry wait): it runs before pipes, so query DTOs
 * never see `minPosition`. A guard rather than an interceptor because a route without
 * interceptors skips Nest's per-request RxJS chain, a large share of a cheap read.
 */
export class ReadYourWritesGuard implements CanActivate {
  /** `progress` is looked up per request: an app without read models has none. */
  constructor(
    private readonly progress: () => ReadModelProgress | undefined,
    private readonly timeoutMs = DEFAULT_READ_YOUR_WRITES_TIMEOUT_MS,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.method !== 'GET' && request.method !== 'HEAD') return true;
    const position = minPositionFrom(request.query, request.headers['x-min-position']);
    if (position === undefined) return true;
    withoutMinPosition(request.query);
    const progress = this.progress();
    if (progress === undefined) return true;
    return this.waitFor(progress, position);
  }

  private async waitFor(progress: ReadModelProgress, position: bigint): Promise<boolean> {
    if (!(await progress.waitFor(position, this.timeoutMs))) {
      throw new ProblemException({
        status: 503,
        code: 'read-models-behind',
        detail: `The read models have not reached position ${position} yet (waited ${this.timeoutMs} ms). Retry shortly.`,
        headers: { 'Retry-After': '1' },
      });
    }
    return true;
  }
}
