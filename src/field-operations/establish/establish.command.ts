import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommand } from '../../shared/application/registry-command';
import type { WriteResult } from '../../shared/application/write-result';
import { FieldOperationWriter } from '../field-operation-writer';
import { decideEstablish, type EstablishFieldOperation } from './establish.decide';

export class EstablishFieldOperationCommand extends RegistryCommand<EstablishFieldOperation> {}

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
