import { randomUUID } from 'node:crypto';
import { yieldEvery } from '../../shared/application/yield-to-event-loop';
import type { EventStore, RecordedEvent, Subscription } from '../../event-store/event-store.port';
import { SEAL_STREAM, sealOf } from './ledger-seal';
import type { LedgerSealer, SealOutcome } from './ledger-sealer';

export interface SealLog {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** The actor of seals the registry records by itself. */
export const REGISTRY_ACTOR = 'registry';

/**
 * Seals the log every `every` events. At start it seals what is unsealed if that makes `every`
 * events (one read of them, by the sealer), then follows the log and counts the events after the
 * position the newest seal covers, seals excluded, so a seal never triggers another; a seal
 * recorded elsewhere (on demand, another node) restarts the count from what it covers.
 * Seals are recorded one at a time, in order: the next event is not looked at before a seal is in.
 */
export class AutomaticSealer {
  private subscription?: Subscription;
  private done?: Promise<void>;
  private sealedUpTo: bigint | undefined;
  private count = 0;
  private stopped = false;
  private readonly stopping = new AbortController();

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
    this.stopping.abort();
    await this.subscription?.close();
    await this.done;
  }

  private async run(): Promise<void> {
    const last = await this.sealer.lastSeal();
    if (this.stopped) return;
    this.sealedUpTo = last && BigInt(last.data.upToPosition);
    const readUpTo = await this.catchUp();
    if (this.stopped) return;
    this.subscription = this.store.subscribe({ after: readUpTo ?? this.sealedUpTo });
    await this.follow(this.subscription);
  }

  /**
   * A first start on a long log: what is not sealed yet is read once, by the sealer, which
   * records a seal at the head only if there are at least `every` such events (else they are
   * counted towards the next one). Following the log from there, it would have been read twice:
   * once to count, once to hash. Returns the last position read.
   */
  private async catchUp(): Promise<bigint | undefined> {
    const outcome = await this.record(undefined);
    // Not read (the store failed): following from the last seal counts everything after it.
    if (!outcome) return undefined;
    const { seal, created, read } = outcome;
    if (created && seal) this.covered(BigInt(seal.data.upToPosition), 0);
    else this.count = read.unsealed;
    return read.upTo;
  }

  /**
   * Live: it seals at every `every`-th event. (The head it caught up to may have moved on while
   * it read; the first `caught-up` seals what came meanwhile if that makes `every`.)
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
    const seal = (await this.record(position))?.seal;
    if (seal) this.covered(BigInt(seal.data.upToPosition), 0);
  }

  /**
   * Records a seal up to `position` (undefined: the head, and only if `every` events are
   * unsealed); logs it. Undefined if it failed (tried again at the next event: the count stays at
   * or above the threshold).
   */
  private async record(position: bigint | undefined): Promise<SealOutcome | undefined> {
    const correlationId = randomUUID();
    try {
      const outcome = await this.sealer.seal(
        {
          actor: REGISTRY_ACTOR,
          correlationId,
          causationId: correlationId,
          reason: `Automatic seal every ${this.every} events (REGISTRY_SEAL_EVERY)`,
        },
        position === undefined
          ? { minimumUnsealed: this.every, signal: this.stopping.signal }
          : { upTo: position },
      );
      const { seal, created } = outcome;
      if (created && seal) {
        this.logger.log(
          `Sealed ${seal.data.eventCount} events up to position ${seal.data.upToPosition}: ${seal.data.root}`,
        );
      }
      return outcome;
    } catch (error) {
      this.logger.warn(
        `Could not seal up to position ${position ?? 'the head'}: ${messageOf(error)}`,
      );
      return undefined;
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
