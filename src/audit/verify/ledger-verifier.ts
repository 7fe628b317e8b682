import type { EventStore, RecordedEvent } from '../../event-store/event-store.port';
import {
  chainHashOf,
  eventHash,
  GENESIS_HASH,
  HASH_KEY,
  PREVIOUS_HASH_KEY,
} from '../chain/event-hash';
import { MerkleTreeBuilder } from '../merkle/merkle-tree';
import { type RecordedSeal, SEAL_STREAM, sealOf } from '../seal/ledger-seal';
import {
  MAX_REPORTED_FAILURES,
  type SealSummary,
  type VerificationFailure,
  type VerificationReport,
} from './verification-report';

/** Last event seen of one stream: its revision and what its successor must chain to. */
interface StreamTip {
  readonly revision: bigint;
  readonly hash: string;
}

type PendingSeal = RecordedSeal | { malformed: string; event: RecordedEvent };

export type VerificationProgress = (eventsChecked: number, position: bigint) => void;

const YIELD_EVERY = 500;

/**
 * Recomputes every chain and every seal from the raw store in one pass over the log, in bounded
 * memory: one tip per stream, the Merkle frontier (log2 n hashes) and the next seal to check.
 * Seals are read from their own stream alongside; a seal covering position P is checked when the
 * pass has added every event up to P and before the first event after it.
 */
export async function verifyLedger(
  store: EventStore,
  onProgress?: VerificationProgress,
): Promise<VerificationReport> {
  const seals = store.readStream(SEAL_STREAM)[Symbol.asyncIterator]();
  const run = new Verification(seals);
  let checked = 0;
  let lastPosition: bigint | undefined;
  try {
    for await (const event of store.readAll()) {
      await run.checkSealsBefore(event.position);
      run.checkEvent(event);
      lastPosition = event.position;
      if (++checked % YIELD_EVERY === 0) {
        onProgress?.(checked, event.position);
        // A long verification must not starve the HTTP server sharing this process.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    await run.checkRemainingSeals(lastPosition);
  } finally {
    await seals.return?.();
  }
  if (lastPosition !== undefined) onProgress?.(checked, lastPosition);
  return run.report(checked, lastPosition);
}

class Verification {
  private readonly tips = new Map<string, StreamTip>();
  private readonly tree = new MerkleTreeBuilder();
  private readonly failures: VerificationFailure[] = [];
  private failureCount = 0;
  private sealsChecked = 0;
  private lastSeal: SealSummary | null = null;
  private sealedCount = 0n;
  private pending: PendingSeal | undefined;
  private sealsDone = false;

  constructor(private readonly seals: AsyncIterator<RecordedEvent>) {}

  checkEvent(event: RecordedEvent): void {
    const recomputed = eventHash(event);
    this.tree.add(recomputed);
    const tip = this.tips.get(event.stream);
    this.tips.set(event.stream, { revision: event.revision, hash: chainHashOf(event) });
    const fail = (kind: VerificationFailure['kind'], reason: string): void =>
      this.fail({ kind, subject: 'event', ...at(event), reason });
    const expectedRevision = tip ? tip.revision + 1n : 0n;
    if (event.revision > expectedRevision) {
      const missing =
        event.revision - 1n === expectedRevision
          ? `revision ${expectedRevision} is`
          : `revisions ${expectedRevision} to ${event.revision - 1n} are`;
      return fail(
        'revision-gap',
        `${missing} missing before it: deleted, or the log was reordered`,
      );
    }
    if (event.revision < expectedRevision) {
      return fail(
        'revision-out-of-order',
        `it comes after revision ${tip?.revision} of its stream in the log: inserted or reordered`,
      );
    }
    const stored = event.metadata[HASH_KEY];
    if (stored === undefined) return fail('missing-hash', 'the event carries no hash');
    const expectedPrevious = tip ? tip.hash : GENESIS_HASH;
    if (event.metadata[PREVIOUS_HASH_KEY] !== expectedPrevious) {
      return fail(
        'previous-hash-mismatch',
        `previousHash ${event.metadata[PREVIOUS_HASH_KEY] ?? '(none)'} is not the hash of the event before it in its stream (${expectedPrevious}): an event was deleted, inserted or replaced before it`,
      );
    }
    if (stored !== recomputed) {
      fail(
        'hash-mismatch',
        `its content hashes to ${recomputed}, not to its recorded hash ${stored}: edited`,
      );
    }
  }

  /** Checks every seal covering positions before `position` (the pass has added all of them). */
  async checkSealsBefore(position: bigint): Promise<void> {
    for (;;) {
      const seal = await this.nextSeal();
      if (!seal || ('data' in seal && BigInt(seal.data.upToPosition) >= position)) return;
      this.checkSeal(seal);
    }
  }

  /** Checks the seals left, except those recorded after the pass ended (appended meanwhile). */
  async checkRemainingSeals(lastPosition: bigint | undefined): Promise<void> {
    for (let seal = await this.nextSeal(); seal; seal = await this.nextSeal()) {
      const position = 'data' in seal ? seal.position : seal.event.position;
      if (lastPosition === undefined || position > lastPosition) return;
      this.checkSeal(seal);
    }
  }

  report(eventsChecked: number, lastPosition: bigint | undefined): VerificationReport {
    return {
      ok: this.failureCount === 0,
      eventsChecked,
      streamsChecked: this.tips.size,
      sealsChecked: this.sealsChecked,
      lastPosition: lastPosition === undefined ? null : Number(lastPosition),
      lastSeal: this.lastSeal,
      unsealedEvents: Number(this.tree.size - this.sealedCount),
      firstFailure: this.failures[0] ?? null,
      failures: this.failures,
      failureCount: this.failureCount,
    };
  }

  private async nextSeal(): Promise<PendingSeal | undefined> {
    if (this.pending === undefined && !this.sealsDone) {
      const next = await this.seals.next();
      if (next.done) this.sealsDone = true;
      else {
        const seal = sealOf(next.value);
        this.pending = 'malformed' in seal ? { ...seal, event: next.value } : seal;
      }
    }
    return this.pending;
  }

  private checkSeal(seal: PendingSeal): void {
    this.pending = undefined;
    this.sealsChecked++;
    if ('malformed' in seal) {
      return this.fail({
        kind: 'seal-malformed',
        subject: 'seal',
        ...at(seal.event),
        reason: `not a readable seal: ${seal.malformed}`,
      });
    }
    const { data } = seal;
    this.lastSeal = {
      revision: Number(seal.revision),
      position: Number(seal.position),
      upToPosition: data.upToPosition,
      eventCount: data.eventCount,
      root: data.root,
    };
    this.sealedCount = this.tree.size;
    const root = this.tree.root();
    if (root === data.root && this.tree.size === BigInt(data.eventCount)) return;
    this.fail({
      kind: 'seal-mismatch',
      subject: 'seal',
      stream: seal.stream,
      revision: Number(seal.revision),
      position: Number(seal.position),
      eventId: seal.id,
      upToPosition: data.upToPosition,
      reason: `it records ${data.eventCount} events with root ${data.root}; the log up to position ${data.upToPosition} has ${this.tree.size} events with root ${root}: events at or before that position were edited, deleted, inserted or reordered, or the seal was altered`,
    });
  }

  private fail(failure: VerificationFailure): void {
    this.failureCount++;
    if (this.failures.length < MAX_REPORTED_FAILURES) this.failures.push(failure);
  }
}

function at(event: RecordedEvent) {
  return {
    stream: event.stream,
    revision: Number(event.revision),
    position: Number(event.position),
    eventId: event.id,
  };
}
