import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommand } from '../../shared/application/registry-command';
import type { WriteResult } from '../../shared/application/write-result';
import { StateWriter } from '../state-writer';
import { type ContinueParticipation, decideContinue } from './continue.decide';

export class ContinueParticipationCommand extends RegistryCommand<ContinueParticipation> {}

@CommandHandler(ContinueParticipationCommand)
export class ContinueParticipationHandler implements ICommandHandler<ContinueParticipationCommand> {
  constructor(private readonly states: StateWriter) {}

  execute({ payload, context }: ContinueParticipationCommand): Promise<WriteResult> {
    return this.states.write(payload.id, context, [payload.continues], (state, lookup) =>
      decideContinue(payload, state, lookup),
    );
  }
}
