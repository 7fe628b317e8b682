import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import type { CommandContext } from '../shared/application/command-context';
import { loadReferences, type Referenced } from '../shared/application/references';
import { StreamWriter } from '../shared/application/stream-writer';
import type { WriteResult } from '../shared/application/write-result';
import { type FieldOperationEvent, type StoredEvent, streamOfOperation } from './domain/events';
import { fold } from './domain/fold';
import type { References } from './domain/references';
import type { FieldOperationState } from './domain/state';

export type FieldOperationDecide = (
  state: FieldOperationState,
  refs: References,
  history: readonly StoredEvent[],
) => FieldOperationEvent[];

/** Shared path of every single-operation command: fold the stream, look up references, decide, append. */
@Injectable()
export class FieldOperationWriter {
  constructor(
    private readonly streams: StreamWriter,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  write(
    operationId: string,
    context: CommandContext,
    referenced: Referenced,
    decide: FieldOperationDecide,
  ): Promise<WriteResult> {
    return this.streams.write(
      operationId,
      streamOfOperation(operationId),
      context,
      async (loaded) =>
        decide(fold(loaded.events), await loadReferences(this.store, referenced), loaded.events),
    );
  }
}
