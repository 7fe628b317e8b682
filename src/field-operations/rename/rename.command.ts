import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommand } from '../../shared/application/registry-command';
import type { WriteResult } from '../../shared/application/write-result';
import { FieldOperationWriter } from '../field-operation-writer';
import { decideRename, type RenameFieldOperation } from './rename.decide';

export class RenameFieldOperationCommand extends RegistryCommand<RenameFieldOperation> {}

@CommandHandler(RenameFieldOperationCommand)
export class RenameFieldOperationHandler implements ICommandHandler<RenameFieldOperationCommand> {
  constructor(private readonly writer: FieldOperationWriter) {}

  execute({ payload, context }: RenameFieldOperationCommand): Promise<WriteResult> {
    return this.writer.write(
      payload.operationId,
      context,
      { decisions: [payload.decision] },
      (state, refs) => decideRename(payload, state, refs),
    );
  }
}
