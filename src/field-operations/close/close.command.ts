import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '../../shared/application/command-context';
import type { WriteResult } from '../../shared/application/write-result';
import { FieldOperationWriter } from '../field-operation-writer';
import { decideClose, type CloseFieldOperation } from './close.decide';

export class CloseFieldOperationCommand extends Command<WriteResult> {
  constructor(
    readonly payload: CloseFieldOperation,
    readonly context: CommandContext,
  ) {
    super();
  }
}

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
