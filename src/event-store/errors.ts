import type { ExpectedState } from './event-store.port';

/** Actual state of a stream when an expectation failed: its last revision, or none. */
export type ActualState = bigint | 'no_stream';

export function describeState(state: ExpectedState | ActualState): string {
  return typeof state === 'bigint' ? `revision ${state}` : state;
}

/** An append's expected state did not match the stream. Nothing was written. */
export class WrongExpectedStateError extends Error {
  override readonly name = 'WrongExpectedStateError';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedState,
    readonly actual: ActualState | 'unknown',
  ) {
    super(
      `Stream "${stream}": expected ${describeState(expected)}, found ${
        actual === 'unknown' ? 'a different state' : describeState(actual)
      }`,
    );
  }
}

/** The store could not be reached; the operation may be retried later. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/** The server lacks a feature the registry needs (e.g. multi-stream append before KurrentDB 25.1). */
export class StoreFeatureUnsupportedError extends Error {
  override readonly name = 'StoreFeatureUnsupportedError';
}

/** A request to the store was malformed (bad metadata, a stream twice in one append, ...). */
export class InvalidAppendError extends Error {
  override readonly name = 'InvalidAppendError';
}
