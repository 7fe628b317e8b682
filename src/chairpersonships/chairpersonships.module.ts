import { Module } from '@nestjs/common';
import { AppointChairpersonInOfficeHandler } from './appoint-chairperson-in-office/appoint-chairperson-in-office.command';
import { AppointChairpersonInOfficeController } from './appoint-chairperson-in-office/appoint-chairperson-in-office.controller';
import { AssumeChairpersonshipHandler } from './assume/assume.command';
import { AssumeChairpersonshipController } from './assume/assume.controller';

/** The write side of Chairpersonships; the read side is registered by ReadModelsModule. */
@Module({
  controllers: [AssumeChairpersonshipController, AppointChairpersonInOfficeController],
  providers: [AssumeChairpersonshipHandler, AppointChairpersonInOfficeHandler],
})
export class ChairpersonshipsModule {}
