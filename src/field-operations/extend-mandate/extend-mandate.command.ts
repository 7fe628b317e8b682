import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '../../shared/application/command-context';
import type { WriteResult } from '../../shared/application/write-result';
import { FieldOperationWriter } from '../field-operation-writer';
import { decideExtendMandate, type ExtendMandate } from './extend-mandate.decide';

export class ExtendMandateCommand extends Command<WriteResult> {
  constructor(
    readonly payload: ExtendMandate,
    readonly context: CommandContext,
  ) {
    super();
  }
}

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
