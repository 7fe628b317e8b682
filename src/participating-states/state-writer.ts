import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import type { CommandContext } from '../shared/application/command-context';
import { loadStream } from '../shared/application/stream-state';
import { StreamWriter } from '../shared/application/stream-writer';
import type { WriteResult } from '../shared/application/write-result';
import { streamOfState } from './domain/events';
import type { StateLookup } from './domain/guards';
import { foldState, type ParticipatingState } from './domain/participating-state';

export type StateDecide = (
  state: ParticipatingState,
  lookup: StateLookup,
) => ReadonlyArray<{ type: string; data: unknown }>;

/**
 * Shared path of every participating-State command: fold the State's stream and those of the
 * States the command names (successors, the State it continues), decide, append.
 */
@Injectable()
export class StateWriter {
  constructor(
    private readonly streams: StreamWriter,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  write(
    stateId: string,
    context: CommandContext,
    referenced: ReadonlyArray<string | null | undefined>,
    decide: StateDecide,
  ): Promise<WriteResult> {
    return this.streams.write(stateId, streamOfState(stateId), context, async (loaded) =>
      decide(foldState(loaded.events), await this.lookup(referenced)),
    );
  }

  /** Folds the named States' streams (a handful at most), for the pure decide to check. */
  private async lookup(ids: ReadonlyArray<string | null | undefined>): Promise<StateLookup> {
    const unique = [...new Set(ids.filter((id): id is string => !!id))];
    const folded = await Promise.all(
      unique.map(
        async (id) =>
          [id, foldState((await loadStream(this.store, streamOfState(id))).events)] as const,
      ),
    );
    const states = new Map(folded);
    return (id) => states.get(id);
  }
}
