/** Why verification failed at one event or one seal. */
export type FailureKind =
  /** The event's content no longer gives its recorded hash: it was edited. */
  | 'hash-mismatch'
  /** The event carries no hash (recorded before hashing, or by a non-chaining append). */
  | 'missing-hash'
  /** The event does not chain to the event before it in its stream: one was deleted, inserted or moved. */
  | 'previous-hash-mismatch'
  /** The stream skips revisions here: events were deleted (or the log reordered). */
  | 'revision-gap'
  /** A revision at or below one already seen: events were inserted or reordered. */
  | 'revision-out-of-order'
  /** The seal's Merkle root or event count differs from the log it covers. */
  | 'seal-mismatch'
  /** The seal event cannot be read as a seal. */
  | 'seal-malformed';

export interface VerificationFailure {
  readonly kind: FailureKind;
  /** `event` for a chain failure, `seal` for a seal that does not match the log. */
  readonly subject: 'event' | 'seal';
  readonly stream: string;
  readonly revision: number;
  readonly position: number;
  readonly eventId: string;
  /** For a seal: the last position it covers. */
  readonly upToPosition?: number;
  readonly reason: string;
}

export interface SealSummary {
  readonly revision: number;
  readonly position: number;
  readonly upToPosition: number;
  readonly eventCount: number;
  readonly root: string;
}

export interface VerificationReport {
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly streamsChecked: number;
  readonly sealsChecked: number;
  /** Position of the last event read, null for an empty log. */
  readonly lastPosition: number | null;
  /** The last seal found, whether or not it matched. */
  readonly lastSeal: SealSummary | null;
  /** Events after the last seal's coverage: protected by their chains only, until the next seal. */
  readonly unsealedEvents: number;
  /** The first failure in log order, or null. */
  readonly firstFailure: VerificationFailure | null;
  /** The first failures (at most `MAX_REPORTED_FAILURES`), in the order they were found. */
  readonly failures: readonly VerificationFailure[];
  readonly failureCount: number;
}

export const MAX_REPORTED_FAILURES = 100;

/** One line naming what failed, for logs and the CLI. */
export function describeFailure(failure: VerificationFailure): string {
  const where =
    failure.subject === 'seal'
      ? `seal ${failure.stream}@${failure.revision} (position ${failure.position}, covering positions <= ${failure.upToPosition})`
      : `stream ${failure.stream} revision ${failure.revision} (position ${failure.position}, event ${failure.eventId})`;
  return `${where}: ${failure.kind}: ${failure.reason}`;
}
