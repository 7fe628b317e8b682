import { v5 as uuidv5 } from 'uuid';
import {
  chainHashOf,
  eventHash,
  GENESIS_HASH,
  HASH_KEY,
  PREVIOUS_HASH_KEY,
} from '../../audit/chain/event-hash';
import type { EventToAppend, ExpectedState } from '../../event-store/event-store.port';
import { type CommandContext, SCHEMA_VERSION } from './command-context';
import type { LoadedStream } from './stream-state';

/** Namespace of the registry's deterministic event ids (a fixed, random UUID). */
const EVENT_ID_NAMESPACE = '6b1f7c1e-1f1e-4d8c-9c55-2d6f0f6c8a41';

export interface EnvelopeOptions {
  readonly recordedAt?: Date;
  /**
   * Hash of the stream's last event (the one at revision `expected`), which the first new event
   * chains to. Required when `expected` is a revision; `no_stream` chains to the genesis hash.
   */
  readonly previousHash?: string;
}

/**
 * Wraps domain events in the stored envelope. Ids are derived from stream, position in it, the
 * actor and the content, so a client's retried command at the same expected revision writes the
 * same ids and the store recognises it as a retry instead of recording the decision twice, while
 * the same command from another principal conflicts (and keeps its own attribution).
 *
 * Tamper evidence (AUDIT.md): at an exact expected state (a revision or `no_stream`) every event
 * gets `previousHash` (the hash of the event before it in its stream) and `hash` (SHA-256 of its
 * canonical form). With `any`/`stream_exists` the revisions are unknown, so no hash is written and
 * verification reports the events as unhashed: the registry's handlers never append that way.
 */
export function envelope(
  stream: string,
  expected: ExpectedState,
  events: ReadonlyArray<{ type: string; data: unknown }>,
  context: CommandContext,
  options: EnvelopeOptions | Date = {},
): EventToAppend[] {
  const { recordedAt = new Date(), previousHash } =
    options instanceof Date ? { recordedAt: options } : options;
  const base = typeof expected === 'bigint' ? expected + 1n : 0n;
  const slot = (i: number): string =>
    expected === 'any' || expected === 'stream_exists'
      ? `${expected}:${context.correlationId}:${i}`
      : String(base + BigInt(i));
  const enveloped = events.map((event, i) => ({
    id: uuidv5(
      `${stream}\n${slot(i)}\n${context.actor}\n${event.type}\n${JSON.stringify(event.data)}`,
      EVENT_ID_NAMESPACE,
    ),
    type: event.type,
    data: event.data,
    metadata: {
      actor: context.actor,
      ...(context.reason ? { reason: context.reason } : {}),
      ...(context.importKey ? { importKey: context.importKey } : {}),
      ...(context.idempotencyKey ? { idempotencyKey: context.idempotencyKey } : {}),
      correlationId: context.correlationId,
      causationId: context.causationId,
      recordedAt: recordedAt.toISOString(),
      schemaVersion: SCHEMA_VERSION,
    },
  }));
  if (expected === 'any' || expected === 'stream_exists') return enveloped;
  return chain(stream, base, enveloped, firstPreviousHash(stream, expected, previousHash));
}

/** What the next append to a loaded stream chains to: the hash of its last event, if any. */
export function lastHashOf(loaded: LoadedStream): string | undefined {
  const last = loaded.events[loaded.events.length - 1];
  return last === undefined ? undefined : chainHashOf(last);
}

/** What an append after a read needs of it: the revision to expect and the hash to chain to. */
export interface AppendBasis {
  readonly expected: bigint | 'no_stream';
  readonly previousHash: string | undefined;
}

/**
 * The append basis of a loaded stream. Command paths keep this, not the stream: a handler's locals
 * stay reachable across its awaits (V8 keeps them until the function returns), so a loaded stream
 * held while the append waited for its commit outlived young collections under load and was
 * promoted, only to die in the old generation. Recording decisions at 1M events over 10 and 50
 * connections, that was about three times the old-generation garbage (1.6 GB against 0.5 GB freed
 * by 20 full collections against 7 in a minute); the peak heap stayed where V8's limit puts it.
 */
export function basisOf(loaded: LoadedStream): AppendBasis {
  return { expected: loaded.revision ?? 'no_stream', previousHash: lastHashOf(loaded) };
}

function firstPreviousHash(
  stream: string,
  expected: 'no_stream' | bigint,
  previousHash: string | undefined,
): string {
  if (expected === 'no_stream') return GENESIS_HASH;
  if (previousHash === undefined) {
    throw new Error(
      `envelope: appending to ${stream} after revision ${expected} needs the hash of that event (previousHash)`,
    );
  }
  return previousHash;
}

function chain(
  stream: string,
  firstRevision: bigint,
  events: EventToAppend[],
  previousHash: string,
): EventToAppend[] {
  let previous = previousHash;
  return events.map((event, i) => {
    const metadata = { ...event.metadata, [PREVIOUS_HASH_KEY]: previous };
    const hash = eventHash({ ...event, stream, revision: firstRevision + BigInt(i), metadata });
    previous = hash;
    return { ...event, metadata: { ...metadata, [HASH_KEY]: hash } };
  });
}
