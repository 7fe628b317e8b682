import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '../../shared/application/command-context';
import { StreamWriter } from '../../shared/application/stream-writer';
import type { WriteResult } from '../../shared/application/write-result';
import { evolveState, streamOfState } from '../domain/participating-state';
import { type AdmitState, decideAdmit } from './admit.decide';

export class AdmitStateCommand extends Command<WriteResult> {
  constructor(
    readonly payload: AdmitState,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(AdmitStateCommand)
export class AdmitStateHandler implements ICommandHandler<AdmitStateCommand> {
  constructor(private readonly streams: StreamWriter) {}

  execute({ payload, context }: AdmitStateCommand): Promise<WriteResult> {
    return this.streams.write(payload.id, streamOfState(payload.id), context, async (loaded) =>
      decideAdmit(payload, loaded.events.reduce(evolveState, undefined)),
    );
  }
}
