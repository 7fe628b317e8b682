import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommand } from '../../shared/application/registry-command';
import type { WriteResult } from '../../shared/application/write-result';
import { StateWriter } from '../state-writer';
import { type AdmitState, decideAdmit } from './admit.decide';

export class AdmitStateCommand extends RegistryCommand<AdmitState> {}

@CommandHandler(AdmitStateCommand)
export class AdmitStateHandler implements ICommandHandler<AdmitStateCommand> {
  constructor(private readonly states: StateWriter) {}

  execute({ payload, context }: AdmitStateCommand): Promise<WriteResult> {
    return this.states.write(payload.id, context, [], (state) => decideAdmit(payload, state));
  }
}
