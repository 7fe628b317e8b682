import {
  DeadlineExceededError,
  NotLeaderError,
  StreamNotFoundError,
  UnavailableError,
  UnsupportedError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import {
  StoreFeatureUnsupportedError,
  StoreUnavailableError,
  WrongExpectedStateError,
  type ActualState,
} from '../errors';
import type { ExpectedState } from '../event-store.port';

const GRPC_UNAVAILABLE = 14;

/** What an append asked for, so a conflict can be reported in the port's terms. */
export interface AppendAttempt {
  readonly stream: string;
  readonly expected: ExpectedState;
}

/** Human names and minimum versions of the client features the adapter may lack. */
const FEATURES: Readonly<Record<string, string>> = {
  multiStreamAppend: 'multi-stream append',
  appendRecords: 'record append',
};

/** Reads and appends to an unreachable server, a deadline hit or a lost leader: retry later. */
export function isUnavailable(error: unknown): boolean {
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof NotLeaderError
  ) {
    return true;
  }
  // The client's feature probe before an append rejects with the raw gRPC error, code 14.
  return error instanceof Error && (error as { code?: unknown }).code === GRPC_UNAVAILABLE;
}

/** Missing streams are thrown while iterating; the port reads them as empty. */
export function isStreamNotFound(error: unknown): boolean {
  return error instanceof StreamNotFoundError;
}

export function mapAppendError(
  error: unknown,
  attempts: readonly AppendAttempt[],
  endpoint: string,
): unknown {
  if (error instanceof WrongExpectedVersionError) return toWrongExpectedState(error, attempts);
  if (error instanceof UnsupportedError) return toFeatureUnsupported(error, endpoint);
  return mapCommonError(error, endpoint);
}

export function mapReadError(error: unknown, endpoint: string): unknown {
  return mapCommonError(error, endpoint);
}

function mapCommonError(error: unknown, endpoint: string): unknown {
  if (!isUnavailable(error)) return error;
  const reason = error instanceof Error && error.message ? `: ${error.message}` : '';
  return new StoreUnavailableError(`KurrentDB at ${endpoint} is unavailable${reason}`, error);
}

export function toFeatureUnsupported(
  error: UnsupportedError,
  endpoint: string,
): StoreFeatureUnsupportedError {
  const feature = FEATURES[error.feature] ?? error.feature;
  const version = error.minimumVersion || 'a later version';
  return new StoreFeatureUnsupportedError(
    `${feature} needs KurrentDB ${version} or later; the server at ${endpoint} does not support it`,
  );
}

/**
 * The client's conflict in the port's terms. From `appendToStream` it names the stream and the
 * actual revision; from `multiStreamAppend` it may come with an empty message and no details,
 * in which case the stream is guessed from the request and the actual state is 'unknown'.
 */
export function toWrongExpectedState(
  error: WrongExpectedVersionError,
  attempts: readonly AppendAttempt[],
): WrongExpectedStateError {
  const named = attempts.find((a) => a.stream === error.streamName);
  const attempt =
    named ??
    (attempts.length === 1 ? attempts[0] : undefined) ??
    attempts.find((a) => a.expected !== 'any') ??
    attempts[0];
  const stream = attempt?.stream ?? error.streamName ?? 'unknown stream';
  const expected = attempt?.expected ?? toExpected(error.expectedState);
  const actual = named ? toActual(error.actualState) : 'unknown';
  return new WrongExpectedStateError(stream, expected, actual);
}

function toActual(state: unknown): ActualState | 'unknown' {
  if (state === 'no_stream') return 'no_stream';
  if (typeof state === 'bigint') return state < 0n ? 'no_stream' : state;
  return 'unknown';
}

function toExpected(state: unknown): ExpectedState {
  if (state === 'no_stream' || state === 'stream_exists' || typeof state === 'bigint') return state;
  return 'any';
}
