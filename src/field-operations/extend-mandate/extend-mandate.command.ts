import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommand } from '../../shared/application/registry-command';
import type { WriteResult } from '../../shared/application/write-result';
import { FieldOperationWriter } from '../field-operation-writer';
import { decideExtendMandate, type ExtendMandate } from './extend-mandate.decide';

export class ExtendMandateCommand extends RegistryCommand<ExtendMandate> {}

@CommandHandler(ExtendMandateCommand)
export class ExtendMandateHandler implements ICommandHandler<ExtendMandateCommand> {
  constructor(private readonly writer: FieldOperationWriter) {}

  execute({ payload, context }: ExtendMandateCommand): Promise<WriteResult> {
    return this.writer.write(
      payload.operationId,
      context,
      { decisions: [payload.decision] },
      (state, refs) => decideExtendMandate(payload, state, refs),
    );
  }
}
