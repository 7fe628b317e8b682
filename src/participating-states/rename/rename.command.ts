import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommand } from '../../shared/application/registry-command';
import type { WriteResult } from '../../shared/application/write-result';
import { StateWriter } from '../state-writer';
import { decideRename, type RenameState } from './rename.decide';

export class RenameStateCommand extends RegistryCommand<RenameState> {}

@CommandHandler(RenameStateCommand)
export class RenameStateHandler implements ICommandHandler<RenameStateCommand> {
  constructor(private readonly states: StateWriter) {}

  execute({ payload, context }: RenameStateCommand): Promise<WriteResult> {
    return this.states.write(payload.id, context, [], (state) => decideRename(payload, state));
  }
}
