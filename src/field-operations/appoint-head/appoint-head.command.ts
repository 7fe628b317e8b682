import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommand } from '../../shared/application/registry-command';
import type { WriteResult } from '../../shared/application/write-result';
import { FieldOperationWriter } from '../field-operation-writer';
import { decideAppointHead, type AppointHead } from './appoint-head.decide';

export class AppointHeadCommand extends RegistryCommand<AppointHead> {}

@CommandHandler(AppointHeadCommand)
export class AppointHeadHandler implements ICommandHandler<AppointHeadCommand> {
  constructor(private readonly writer: FieldOperationWriter) {}

  execute({ payload, context }: AppointHeadCommand): Promise<WriteResult> {
    return this.writer.write(
      payload.operationId,
      context,
      { decisions: [payload.decision] },
      (state, refs) => decideAppointHead(payload, state, refs),
    );
  }
}
