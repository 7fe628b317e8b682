import { Module } from '@nestjs/common';
import { AdmitStateController } from './admit/admit.controller';
import { AdmitStateHandler } from './admit/admit.command';

@Module({
  controllers: [AdmitStateController],
  providers: [AdmitStateHandler],
})
export class ParticipatingStatesModule {}
