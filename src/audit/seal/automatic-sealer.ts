import { randomUUID } from 'node:crypto';
import { yieldEvery } from '../../shared/application/yield-to-event-loop';
import type { EventStore, RecordedEvent, Subscription } from '../../event-store/event-store.port';
import { SEAL_STREAM, sealOf } from './ledger-seal';
import type { LedgerSealer } from './ledger-sealer';

export interface SealLog {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** The actor of seals the registry records by itself. */
export const REGISTRY_ACTOR = 'registry';

/**
 * Seals the log every `every` events. It follows the log from the last seal and counts the events
 * after the position the newest seal covers, seals excluded, so a seal never triggers another; a
 * seal recorded elsewhere (on demand, another node) restarts the count from what it covers.
 * Seals are recorded one at a time, in order: the next event is not looked at before a seal is in.
 */
export class AutomaticSealer {
  private subscription?: Subscription;
  private done?: Promise<void>;
  private sealedUpTo: bigint | undefined;
  private count = 0;
  private stopped = false;

  constructor(
    private readonly store: EventStore,
    private readonly sealer: LedgerSealer,
    readonly every: number,
    private readonly logger: SealLog,
  ) {}

  /** Starts following the log in the background (a store unreachable now does not stop the app). */
  start(): void {
    if (this.every <= 0) return;
    this.done = this.run().catch((error: unknown) =>
      this.logger.error(`Automatic sealing stopped: ${messageOf(error)}`),
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.done;
  }

  private async run(): Promise<void> {
    const last = await this.sealer.lastSeal();
    if (this.stopped) return;
    this.sealedUpTo = last && BigInt(last.data.upToPosition);
    this.subscription = this.store.subscribe({ after: this.sealedUpTo });
    await this.follow(this.subscription);
  }

  /**
   * While catching up (a first start on a long log) it only counts, then seals once at the head;
   * live, it seals at every `every`-th event.
   */
  private async follow(subscription: Subscription): Promise<void> {
    let caughtUp = false;
    let last: bigint | undefined;
    const breathe = yieldEvery(1000);
    for await (const message of subscription) {
      await breathe();
      if (message.kind === 'caught-up') {
        caughtUp = true;
        if (last !== undefined && this.count >= this.every) await this.sealUpTo(last);
        continue;
      }
      const event = message.event;
      if (event.stream === SEAL_STREAM) await this.sealed(event);
      else if (this.sealedUpTo === undefined || event.position > this.sealedUpTo) {
        last = event.position;
        if (++this.count >= this.every && caughtUp) await this.sealUpTo(event.position);
      }
    }
  }

  private async sealUpTo(position: bigint): Promise<void> {
    const correlationId = randomUUID();
    try {
      const { seal, created } = await this.sealer.seal(
        {
          actor: REGISTRY_ACTOR,
          correlationId,
          causationId: correlationId,
          reason: `Automatic seal every ${this.every} events (REGISTRY_SEAL_EVERY)`,
        },
        { upTo: position },
      );
      if (seal) this.covered(BigInt(seal.data.upToPosition), 0);
      if (created && seal) {
        this.logger.log(
          `Sealed ${seal.data.eventCount} events up to position ${seal.data.upToPosition}: ${seal.data.root}`,
        );
      }
    } catch (error) {
      // Tried again at the next event: the count stays at or above the threshold.
      this.logger.warn(`Could not seal up to position ${position}: ${messageOf(error)}`);
    }
  }

  /** A seal in the log: ours (already counted for) or one recorded elsewhere. */
  private async sealed(event: RecordedEvent): Promise<void> {
    const seal = sealOf(event);
    if ('malformed' in seal) return;
    const upTo = BigInt(seal.data.upToPosition);
    if (this.sealedUpTo !== undefined && upTo <= this.sealedUpTo) return;
    this.covered(upTo, await this.eventsBetween(upTo, event.position));
  }

  private covered(upTo: bigint, eventsSince: number): void {
    if (this.sealedUpTo === undefined || upTo > this.sealedUpTo) this.sealedUpTo = upTo;
    this.count = eventsSince;
  }

  /** Events after `after` and before `before`, seals excluded: what a new seal has not covered. */
  private async eventsBetween(after: bigint, before: bigint): Promise<number> {
    let count = 0;
    for await (const event of this.store.readAll({ after })) {
      if (event.position >= before) break;
      if (event.stream !== SEAL_STREAM) count++;
    }
    return count;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
