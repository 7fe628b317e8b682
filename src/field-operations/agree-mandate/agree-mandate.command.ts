import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '../../shared/application/command-context';
import type { WriteResult } from '../../shared/application/write-result';
import { FieldOperationWriter } from '../field-operation-writer';
import { decideAgreeMandate, type AgreeMandate } from './agree-mandate.decide';

export class AgreeMandateCommand extends Command<WriteResult> {
  constructor(
    readonly payload: AgreeMandate,
    readonly context: CommandContext,
  ) {
    super();
  }
}

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
