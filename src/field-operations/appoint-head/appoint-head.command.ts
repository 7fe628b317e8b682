import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '../../shared/application/command-context';
import type { WriteResult } from '../../shared/application/write-result';
import { FieldOperationWriter } from '../field-operation-writer';
import { decideAppointHead, type AppointHead } from './appoint-head.decide';

export class AppointHeadCommand extends Command<WriteResult> {
  constructor(
    readonly payload: AppointHead,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(AppointHeadCommand)
export class AppointHeadHandler implements ICommandHandler<AppointHeadCommand> {
  constructor(private readonly writer: FieldOperationWriter) {}

  execute({ payload, context }: AppointHeadCommand): Promise<WriteResult> {
    return this.writer.write(payload.operationId, context, {}, (state) =>
      decideAppointHead(payload, state),
    );
  }
}
