import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommand } from '../../shared/application/registry-command';
import type { WriteResult } from '../../shared/application/write-result';
import { FieldOperationWriter } from '../field-operation-writer';
import { decideClose, type CloseFieldOperation } from './close.decide';

export class CloseFieldOperationCommand extends RegistryCommand<CloseFieldOperation> {}

@CommandHandler(CloseFieldOperationCommand)
export class CloseFieldOperationHandler implements ICommandHandler<CloseFieldOperationCommand> {
  constructor(private readonly writer: FieldOperationWriter) {}

  execute({ payload, context }: CloseFieldOperationCommand): Promise<WriteResult> {
    return this.writer.write(
      payload.operationId,
      context,
      { decisions: [payload.decision], operations: payload.successors },
      (state, refs) => decideClose(payload, state, refs),
    );
  }
}
