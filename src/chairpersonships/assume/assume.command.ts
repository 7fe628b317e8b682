import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { streamOfState } from '../../participating-states/domain/events';
import { foldState } from '../../participating-states/domain/participating-state';
import { RegistryCommand } from '../../shared/application/registry-command';
import { loadStream } from '../../shared/application/stream-state';
import { StreamWriter } from '../../shared/application/stream-writer';
import type { WriteResult } from '../../shared/application/write-result';
import { foldChairpersonship } from '../domain/chairpersonship';
import { streamOfChairpersonship } from '../domain/events';
import { type AssumeChairpersonship, decideAssume } from './assume.decide';

export class AssumeChairpersonshipCommand extends RegistryCommand<AssumeChairpersonship> {}

@CommandHandler(AssumeChairpersonshipCommand)
export class AssumeChairpersonshipHandler implements ICommandHandler<AssumeChairpersonshipCommand> {
  constructor(
    private readonly streams: StreamWriter,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  execute({ payload, context }: AssumeChairpersonshipCommand): Promise<WriteResult> {
    return this.streams.write(
      payload.id,
      streamOfChairpersonship(payload.id),
      context,
      async (loaded) => {
        const chair = await loadStream(this.store, streamOfState(payload.state));
        return decideAssume(payload, foldChairpersonship(loaded.events), foldState(chair.events));
      },
    );
  }
}
