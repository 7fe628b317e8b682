import type { RecordedEvent } from '../../event-store/event-store.port';

/** The stream seals are recorded on (chained like any other stream). */
export const SEAL_STREAM = 'ledger-seals';
export const LEDGER_SEALED = 'LedgerSealed';
/** RFC 6962 Merkle Tree Hash over the event hashes, SHA-256 (AUDIT.md). */
export const SEAL_ALGORITHM = 'rfc6962-sha256';

/**
 * What a seal attests: the Merkle root over the hashes of every event whose global position is
 * at most `upToPosition`, in log order (seals before it included, itself not).
 */
export interface LedgerSealedData {
  readonly algorithm: typeof SEAL_ALGORITHM;
  readonly upToPosition: number;
  readonly eventCount: number;
  readonly root: string;
  /** Roots of the tree's perfect subtrees, largest first: where the next seal continues from. */
  readonly frontier: readonly string[];
}

/** A seal as read back from the store. */
export interface RecordedSeal {
  readonly stream: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly id: string;
  readonly data: LedgerSealedData;
}

const HEX_HASH = /^[0-9a-f]{64}$/;

/** The seal an event holds, or why it is not a well-formed one. */
export function sealOf(event: RecordedEvent): RecordedSeal | { malformed: string } {
  const problem = problemWith(event);
  if (problem !== undefined) return { malformed: problem };
  return {
    stream: event.stream,
    revision: event.revision,
    position: event.position,
    id: event.id,
    data: event.data as LedgerSealedData,
  };
}

function problemWith(event: RecordedEvent): string | undefined {
  if (event.type !== LEDGER_SEALED) return `its type is ${event.type}`;
  const data = event.data as Partial<Record<keyof LedgerSealedData, unknown>> | null;
  if (data === null || typeof data !== 'object') return 'its data is not an object';
  if (data.algorithm !== SEAL_ALGORITHM) return `unknown algorithm ${String(data.algorithm)}`;
  if (!isCount(data.upToPosition) || !isCount(data.eventCount)) {
    return 'upToPosition and eventCount must be non-negative integers';
  }
  if (!isHash(data.root)) return 'its root is not a lower-case hex SHA-256';
  if (!Array.isArray(data.frontier) || !data.frontier.every(isHash)) {
    return 'its frontier is not a list of hashes';
  }
  if (BigInt(data.upToPosition) >= event.position) {
    return `it claims to cover position ${data.upToPosition}, not before its own ${event.position}`;
  }
  return undefined;
}

function isHash(value: unknown): boolean {
  return typeof value === 'string' && HEX_HASH.test(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
