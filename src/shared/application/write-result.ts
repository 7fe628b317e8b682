/** What every write answers: the stream it changed, its new revision, and the global position reached. */
export interface WriteResult {
  readonly id: string;
  readonly revision: bigint;
  readonly position: bigint;
}

/** `If-Match` named a revision the stream is no longer at. */
export class PreconditionFailedError extends Error {
  override readonly name = 'PreconditionFailedError';
  constructor(
    readonly stream: string,
    readonly expected: bigint,
    readonly actual: bigint | undefined,
  ) {
    super(
      `If-Match expected revision ${expected} of ${stream}, but it is at ${actual === undefined ? 'no revision (it does not exist)' : `revision ${actual}`}`,
    );
  }
}
