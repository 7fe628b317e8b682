import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';

/** A key this process claimed for a request that is being handled. */
export interface PendingClaim {
  readonly principal: string;
  readonly key: string;
}

/** The claims of requests in progress, from the guard that claims to the hook that settles. */
@Injectable()
export class PendingClaims {
  private readonly claims = new WeakMap<IncomingMessage, PendingClaim>();

  add(request: IncomingMessage, claim: PendingClaim): void {
    this.claims.set(request, claim);
  }

  /** The request's claim, removed: each is settled once. */
  take(request: IncomingMessage): PendingClaim | undefined {
    const claim = this.claims.get(request);
    this.claims.delete(request);
    return claim;
  }
}
