import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommand } from '../../shared/application/registry-command';
import type { WriteResult } from '../../shared/application/write-result';
import { FieldOperationWriter } from '../field-operation-writer';
import { decideChangeSeat, type ChangeSeat } from './change-seat.decide';

export class ChangeSeatCommand extends RegistryCommand<ChangeSeat> {}

@CommandHandler(ChangeSeatCommand)
export class ChangeSeatHandler implements ICommandHandler<ChangeSeatCommand> {
  constructor(private readonly writer: FieldOperationWriter) {}

  execute({ payload, context }: ChangeSeatCommand): Promise<WriteResult> {
    return this.writer.write(
      payload.operationId,
      context,
      { decisions: [payload.decision] },
      (state, refs) => decideChangeSeat(payload, state, refs),
    );
  }
}
