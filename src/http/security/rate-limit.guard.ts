import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import type { RateLimit } from '../../config/registry-config';
import { SlidingWindowStorage } from './sliding-window-storage';

/** Routes never throttled: probes must see the registry even while a client floods it. */
const EXEMPT_PREFIXES = ['/health'];

/**
 * `@nestjs/throttler` as one global guard, installed by `configureHttp` (not a module provider):
 * every request of one client IP counts against one budget, whichever route it asks for. Over
 * the budget the request answers 429 with `Retry-After` (seconds), as a problem.
 */
export class RateLimitGuard extends ThrottlerGuard {
  private initialised?: Promise<void>;

  constructor(rateLimit: RateLimit, reflector: Reflector) {
    super(
      {
        throttlers: [{ limit: rateLimit.limit, ttl: rateLimit.windowSeconds * 1000 }],
        // One budget per client, not per route (the default key includes the handler).
        generateKey: (_context, tracker) => tracker,
        skipIf: (context) => isExempt(context),
      },
      // The library's answers at a constant cost per request (see SlidingWindowStorage).
      new SlidingWindowStorage(),
      reflector,
    );
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    // A guard made with `new` gets no lifecycle call from Nest: initialise on first use.
    this.initialised ??= this.onModuleInit();
    await this.initialised;
    return super.canActivate(context);
  }
}

function isExempt(context: ExecutionContext): boolean {
  if (context.getType() !== 'http') return true;
  const url = context.switchToHttp().getRequest<FastifyRequest>().routeOptions.url ?? '';
  return EXEMPT_PREFIXES.some((prefix) => url === prefix || url.startsWith(`${prefix}/`));
}
