import { Inject, Injectable } from '@nestjs/common';
import { WrongExpectedStateError } from '../../event-store/errors';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import type { CommandContext } from './command-context';
import { type AppendBasis, basisOf, envelope } from './envelope';
import { loadStream, type LoadedStream } from './stream-state';
import { PreconditionFailedError, type WriteResult } from './write-result';

export type Decide = (
  stream: LoadedStream,
) => Promise<ReadonlyArray<{ type: string; data: unknown }>>;

/**
 * The one write path for single-stream commands: load the stream, honour If-Match, let the pure
 * decide function produce events, append them at the revision that was read.
 */
@Injectable()
export class StreamWriter {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async write(
    id: string,
    stream: string,
    context: CommandContext,
    decide: Decide,
  ): Promise<WriteResult> {
    const { events, basis } = await this.decideOn(stream, context, decide);
    const { expected, previousHash } = basis;
    try {
      const result = await this.store.append(
        stream,
        envelope(stream, expected, events, context, { previousHash }),
        expected,
      );
      return { id, revision: result.nextExpectedRevision, position: result.position };
    } catch (error) {
      if (error instanceof WrongExpectedStateError && context.expectedRevision !== undefined) {
        throw new PreconditionFailedError(stream, context.expectedRevision, undefined);
      }
      throw error;
    }
  }

  /** Loads the stream, honours If-Match and decides; the loaded stream ends here (`basisOf`). */
  private async decideOn(
    stream: string,
    context: CommandContext,
    decide: Decide,
  ): Promise<{ events: ReadonlyArray<{ type: string; data: unknown }>; basis: AppendBasis }> {
    const loaded = await loadStream(this.store, stream);
    checkIfMatch(stream, context, loaded.revision);
    return { events: await decide(loaded), basis: basisOf(loaded) };
  }
}

export function checkIfMatch(
  stream: string,
  context: CommandContext,
  revision: bigint | undefined,
): void {
  if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
    throw new PreconditionFailedError(stream, context.expectedRevision, revision);
  }
}
