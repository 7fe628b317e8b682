import { ANY, NO_STREAM, STREAM_EXISTS, type AppendStreamState } from '@kurrent/kurrentdb-client';
import { InvalidAppendError } from '../errors';
import type { ExpectedState } from '../event-store.port';

/** The port's expected state as the client's `streamState` / `expectedState`. */
export function toClientStreamState(stream: string, expected: ExpectedState): AppendStreamState {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'any':
      return ANY;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      if (typeof expected !== 'bigint' || expected < 0n) {
        throw new InvalidAppendError(
          `Stream "${stream}": expected state ${String(expected)} is neither a keyword nor a revision >= 0`,
        );
      }
      return expected;
  }
}
