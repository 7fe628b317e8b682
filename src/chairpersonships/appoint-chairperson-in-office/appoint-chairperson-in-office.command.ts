import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommand } from '../../shared/application/registry-command';
import { StreamWriter } from '../../shared/application/stream-writer';
import type { WriteResult } from '../../shared/application/write-result';
import { foldChairpersonship } from '../domain/chairpersonship';
import { streamOfChairpersonship } from '../domain/events';
import {
  type AppointChairpersonInOffice,
  decideAppointChairpersonInOffice,
} from './appoint-chairperson-in-office.decide';

export class AppointChairpersonInOfficeCommand extends RegistryCommand<AppointChairpersonInOffice> {}

@CommandHandler(AppointChairpersonInOfficeCommand)
export class AppointChairpersonInOfficeHandler implements ICommandHandler<AppointChairpersonInOfficeCommand> {
  constructor(private readonly streams: StreamWriter) {}

  execute({ payload, context }: AppointChairpersonInOfficeCommand): Promise<WriteResult> {
    return this.streams.write(
      payload.id,
      streamOfChairpersonship(payload.id),
      context,
      async (loaded) =>
        decideAppointChairpersonInOffice(payload, foldChairpersonship(loaded.events)),
    );
  }
}
