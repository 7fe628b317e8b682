import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommand } from '../../shared/application/registry-command';
import type { WriteResult } from '../../shared/application/write-result';
import { StateWriter } from '../state-writer';
import { decideReadmit, type ReadmitState } from './readmit.decide';

export class ReadmitStateCommand extends RegistryCommand<ReadmitState> {}

@CommandHandler(ReadmitStateCommand)
export class ReadmitStateHandler implements ICommandHandler<ReadmitStateCommand> {
  constructor(private readonly states: StateWriter) {}

  execute({ payload, context }: ReadmitStateCommand): Promise<WriteResult> {
    return this.states.write(payload.id, context, [], (state) => decideReadmit(payload, state));
  }
}
