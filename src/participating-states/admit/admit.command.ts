import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommand } from '../../shared/application/registry-command';
import { StreamWriter } from '../../shared/application/stream-writer';
import type { WriteResult } from '../../shared/application/write-result';
import { evolveState, streamOfState } from '../domain/participating-state';
import { type AdmitState, decideAdmit } from './admit.decide';

export class AdmitStateCommand extends RegistryCommand<AdmitState> {}

@CommandHandler(AdmitStateCommand)
export class AdmitStateHandler implements ICommandHandler<AdmitStateCommand> {
  constructor(private readonly streams: StreamWriter) {}

  execute({ payload, context }: AdmitStateCommand): Promise<WriteResult> {
    return this.streams.write(payload.id, streamOfState(payload.id), context, async (loaded) =>
      decideAdmit(payload, loaded.events.reduce(evolveState, undefined)),
    );
  }
}
