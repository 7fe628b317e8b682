import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CommandContext } from '../../shared/application/command-context';
import { commandContextOf } from './command-context-of';

/**
 * The `CommandContext` of a write: `@RequestContext() context: CommandContext`. Actor from the
 * principal, correlation id from `X-Correlation-Id`, reason from `X-Reason`, expected revision
 * from `If-Match` (a malformed header answers 400).
 */
export const RequestContext = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): CommandContext => {
    const http = ctx.switchToHttp();
    return commandContextOf(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  },
);
