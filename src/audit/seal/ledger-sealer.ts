import { createHash } from 'node:crypto';
import { WrongExpectedStateError } from '../../event-store/errors';
import { yieldEvery } from '../../shared/application/yield-to-event-loop';
import type { EventStore, RecordedEvent } from '../../event-store/event-store.port';
import type { CommandContext } from '../../shared/application/command-context';
import { envelope } from '../../shared/application/envelope';
import { canonicalFormOf, chainHashOf } from '../chain/event-hash';
import { MerkleTreeBuilder } from '../merkle/merkle-tree';
import {
  LEDGER_SEALED,
  type LedgerSealedData,
  type RecordedSeal,
  SEAL_ALGORITHM,
  SEAL_STREAM,
  sealOf,
} from './ledger-seal';

export interface SealOutcome {
  /** False when nothing but seals was recorded since the last seal (or the log is empty). */
  readonly created: boolean;
  /** The seal now covering the log: the new one, or the last one when none was needed. */
  readonly seal: RecordedSeal | undefined;
  /**
   * What this call read: the last position it looked at (undefined if it read nothing) and the
   * events other than seals after the previous seal up to there. When `created` is false because
   * fewer than `minimumUnsealed` were found, they are still unsealed.
   */
  readonly read: { readonly upTo: bigint | undefined; readonly unsealed: number };
}

export interface SealOptions {
  /** The last position to seal (default: the head of the log). */
  readonly upTo?: bigint;
  /** Record a seal only if at least this many events other than seals are not sealed yet. */
  readonly minimumUnsealed?: number;
  /** Stops reading (and records nothing) once aborted: a long first seal must not hold up a stop. */
  readonly signal?: AbortSignal;
}

const ATTEMPTS = 5;

/**
 * Events read per statement while sealing. A whole log is read in short slices so that the rows of
 * one are garbage before the young generation is collected twice: read a thousand at a time, they
 * outlived it and were promoted, and the old generation grew by ~100 MB over a log of a million
 * events before V8 collected it.
 */
const SLICE = 128;

/**
 * Records `LedgerSealed` events. Each seal continues the Merkle tree of the previous one from the
 * frontier it recorded, so sealing reads only the events since the last seal; a previous seal whose
 * frontier does not give its own root is not trusted, and the tree is rebuilt from the start.
 * Works on the raw store: leaves are the hashes of events as stored.
 */
export class LedgerSealer {
  constructor(private readonly store: EventStore) {}

  /** Seals every event up to `upTo` (default: the head of the log) not sealed yet. */
  async seal(context: CommandContext, options: SealOptions = {}): Promise<SealOutcome> {
    for (let attempt = 1; ; attempt++) {
      const lastEvent = await this.lastSealEvent();
      const last = lastEvent && sealOf(lastEvent);
      const previous = last && !('malformed' in last) ? last : undefined;
      const head = options.upTo ?? (await this.store.headPosition());
      if (head === undefined || (previous && BigInt(previous.data.upToPosition) >= head)) {
        const upTo = previous ? BigInt(previous.data.upToPosition) : undefined;
        return { created: false, seal: previous, read: { upTo, unsealed: 0 } };
      }
      const tree = previous ? resumeTree(previous) : undefined;
      const grown = await this.grow(
        tree ?? new MerkleTreeBuilder(),
        tree ? previous : undefined,
        head,
        options.signal,
      );
      const read = { upTo: grown.upTo < 0n ? undefined : grown.upTo, unsealed: grown.unsealed };
      const enough = grown.unsealed > 0 && grown.unsealed >= (options.minimumUnsealed ?? 1);
      if (!enough || options.signal?.aborted) {
        return { created: false, seal: previous, read };
      }
      const data: LedgerSealedData = {
        algorithm: SEAL_ALGORITHM,
        upToPosition: Number(grown.upTo),
        eventCount: Number(grown.tree.size),
        root: grown.tree.root(),
        frontier: grown.tree.frontier(),
      };
      const expected = lastEvent?.revision ?? 'no_stream';
      const events = envelope(SEAL_STREAM, expected, [{ type: LEDGER_SEALED, data }], context, {
        previousHash: lastEvent && chainHashOf(lastEvent),
      });
      try {
        const result = await this.store.append(SEAL_STREAM, events, expected);
        const seal = {
          stream: SEAL_STREAM,
          revision: result.nextExpectedRevision,
          position: result.position,
          id: events[0].id,
          data,
        };
        return { created: true, seal, read };
      } catch (error) {
        // Another node or process sealed meanwhile: start again from its seal.
        if (!(error instanceof WrongExpectedStateError) || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  /** The last well-formed seal, if the last event of the seal stream is one. */
  async lastSeal(): Promise<RecordedSeal | undefined> {
    const event = await this.lastSealEvent();
    const seal = event && sealOf(event);
    return seal && !('malformed' in seal) ? seal : undefined;
  }

  private async lastSealEvent(): Promise<RecordedEvent | undefined> {
    for await (const event of this.store.readStream(SEAL_STREAM, {
      direction: 'backwards',
      maxCount: 1,
    })) {
      return event;
    }
    return undefined;
  }

  /**
   * Adds the hashes of the events after the previous seal, up to `head`. One event at a time, in
   * bounded memory: the tree keeps its frontier only, and each leaf goes in as the digest's bytes
   * (no hex string and back, no copy of the canonical form into a buffer of its own).
   */
  private async grow(
    tree: MerkleTreeBuilder,
    previous: RecordedSeal | undefined,
    head: bigint,
    signal?: AbortSignal,
  ): Promise<{ tree: MerkleTreeBuilder; upTo: bigint; unsealed: number }> {
    let upTo = previous ? BigInt(previous.data.upToPosition) : -1n;
    let unsealed = 0;
    const breathe = yieldEvery(1000);
    for (;;) {
      let read = 0;
      const after = upTo < 0n ? undefined : upTo;
      for await (const event of this.store.readAll({ after, maxCount: SLICE })) {
        read++;
        await breathe();
        if (event.position > head || signal?.aborted) return { tree, upTo, unsealed };
        tree.addBytes(createHash('sha256').update(canonicalFormOf(event), 'utf8').digest());
        upTo = event.position;
        if (event.stream !== SEAL_STREAM) unsealed++;
      }
      if (read < SLICE) return { tree, upTo, unsealed };
    }
  }
}

/** The previous seal's tree, if its recorded frontier really gives its recorded root. */
function resumeTree(seal: RecordedSeal): MerkleTreeBuilder | undefined {
  try {
    const tree = MerkleTreeBuilder.resume(BigInt(seal.data.eventCount), seal.data.frontier);
    return tree.root() === seal.data.root ? tree : undefined;
  } catch {
    return undefined;
  }
}
