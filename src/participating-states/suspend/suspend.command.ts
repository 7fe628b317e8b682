import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommand } from '../../shared/application/registry-command';
import type { WriteResult } from '../../shared/application/write-result';
import { StateWriter } from '../state-writer';
import { decideSuspend, type SuspendState } from './suspend.decide';

export class SuspendStateCommand extends RegistryCommand<SuspendState> {}

@CommandHandler(SuspendStateCommand)
export class SuspendStateHandler implements ICommandHandler<SuspendStateCommand> {
  constructor(private readonly states: StateWriter) {}

  execute({ payload, context }: SuspendStateCommand): Promise<WriteResult> {
    return this.states.write(payload.id, context, [], (state) => decideSuspend(payload, state));
  }
}
