import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '../../shared/application/command-context';
import type { WriteResult } from '../../shared/application/write-result';
import { FieldOperationWriter } from '../field-operation-writer';
import { decideEstablish, type EstablishFieldOperation } from './establish.decide';

export class EstablishFieldOperationCommand extends Command<WriteResult> {
  constructor(
    readonly payload: EstablishFieldOperation,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(EstablishFieldOperationCommand)
export class EstablishFieldOperationHandler implements ICommandHandler<EstablishFieldOperationCommand> {
  constructor(private readonly writer: FieldOperationWriter) {}

  execute({ payload, context }: EstablishFieldOperationCommand): Promise<WriteResult> {
    const referenced = {
      states: payload.hostStates,
      decisions: [payload.decision],
      operations: payload.predecessors,
    };
    return this.writer.write(payload.id, context, referenced, (state, refs) =>
      decideEstablish(payload, state, refs),
    );
  }
}
