import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommand } from '../../shared/application/registry-command';
import type { WriteResult } from '../../shared/application/write-result';
import { FieldOperationWriter } from '../field-operation-writer';
import { decideAgreeMandate, type AgreeMandate } from './agree-mandate.decide';

export class AgreeMandateCommand extends RegistryCommand<AgreeMandate> {}

@CommandHandler(AgreeMandateCommand)
export class AgreeMandateHandler implements ICommandHandler<AgreeMandateCommand> {
  constructor(private readonly writer: FieldOperationWriter) {}

  execute({ payload, context }: AgreeMandateCommand): Promise<WriteResult> {
    return this.writer.write(
      payload.operationId,
      context,
      { decisions: [payload.decision] },
      (state, refs) => decideAgreeMandate(payload, state, refs),
    );
  }
}
