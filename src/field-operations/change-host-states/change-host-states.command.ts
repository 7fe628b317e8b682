import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommand } from '../../shared/application/registry-command';
import type { WriteResult } from '../../shared/application/write-result';
import { FieldOperationWriter } from '../field-operation-writer';
import { decideChangeHostStates, type ChangeHostStates } from './change-host-states.decide';

export class ChangeHostStatesCommand extends RegistryCommand<ChangeHostStates> {}

@CommandHandler(ChangeHostStatesCommand)
export class ChangeHostStatesHandler implements ICommandHandler<ChangeHostStatesCommand> {
  constructor(private readonly writer: FieldOperationWriter) {}

  execute({ payload, context }: ChangeHostStatesCommand): Promise<WriteResult> {
    return this.writer.write(
      payload.operationId,
      context,
      { states: payload.hostStates, decisions: [payload.decision] },
      (state, refs) => decideChangeHostStates(payload, state, refs),
    );
  }
}
