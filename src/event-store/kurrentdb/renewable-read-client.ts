import type { KurrentDBClient } from '@kurrent/kurrentdb-client';

/**
 * The client used for reads. Reads go through the client's native bridge, which never recovers
 * when its first connection fails (a registry started while the server was down would read
 * nothing ever after). So a client whose read found the server unavailable is set aside and the
 * next read starts from a fresh one; appends and subscriptions keep the main client, whose gRPC
 * channel reconnects by itself.
 */
export class RenewableReadClient {
  private current: KurrentDBClient | undefined;

  constructor(
    private readonly initial: KurrentDBClient,
    private readonly create: (() => KurrentDBClient) | undefined,
  ) {
    this.current = initial;
  }

  get(): KurrentDBClient {
    if (!this.current) {
      if (!this.create) throw new Error('No read client to renew');
      this.current = this.create();
    }
    return this.current;
  }

  /** Called after `client` found the server unavailable. */
  setAside(client: KurrentDBClient): void {
    if (!this.create || this.current !== client) return;
    this.current = undefined;
    this.release(client);
  }

  /** Disposes the renewed client in use, if any (the initial one belongs to the store). */
  async close(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    if (current && current !== this.initial) await current.dispose();
  }

  private release(client: KurrentDBClient): void {
    if (client !== this.initial) void client.dispose().catch(() => undefined);
  }
}
