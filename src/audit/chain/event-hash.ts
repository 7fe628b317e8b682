import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';

/** Metadata key holding the event's own hash (lower-case hex SHA-256). Not part of what is hashed. */
export const HASH_KEY = 'hash';
/** Metadata key holding the hash of the previous event of the same stream (hashed with the rest). */
export const PREVIOUS_HASH_KEY = 'previousHash';
/** `previousHash` of the first event of a stream (revision 0): 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an event that its hash covers; `position` and the store's `recordedAt` are not. */
export interface HashableEvent {
  readonly stream: string;
  readonly revision: bigint | number;
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, string>>;
}

/**
 * The canonical form (AUDIT.md): the JSON object {stream, revision, id, type, data, metadata
 * without `hash`} serialised by RFC 8785 (JSON Canonicalization Scheme). Revisions are JSON
 * integers; they stay far below 2^53.
 */
export function canonicalFormOf(event: HashableEvent): string {
  const { [HASH_KEY]: _ownHash, ...metadata } = event.metadata;
  const form = canonicalize({
    stream: event.stream,
    revision: Number(event.revision),
    id: event.id,
    type: event.type,
    data: event.data,
    metadata,
  });
  if (form === undefined) throw new Error(`Event ${event.id} has no canonical form`);
  return form;
}

export function sha256Hex(input: string | Buffer): string {
  return createHash('sha256').update(input).digest('hex');
}

/** SHA-256 of the UTF-8 bytes of the canonical form, lower-case hex. */
export function eventHash(event: HashableEvent): string {
  return sha256Hex(Buffer.from(canonicalFormOf(event), 'utf8'));
}

/** `previousHash` after an event recorded before hashing existed (it has no `hash`). */
export const UNHASHED_PREDECESSOR = '';

/**
 * What the next event of the stream must carry as `previousHash`: this event's stored `hash`
 * (read as stored, so it survives upcasting), or the empty string if it has none.
 */
export function chainHashOf(event: Pick<HashableEvent, 'metadata'>): string {
  return event.metadata[HASH_KEY] ?? UNHASHED_PREDECESSOR;
}
