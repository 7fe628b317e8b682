import { Module } from '@nestjs/common';
import { AdmitStateHandler } from './admit/admit.command';
import { AdmitStateController } from './admit/admit.controller';
import { ContinueParticipationHandler } from './continue/continue.command';
import { ContinueParticipationController } from './continue/continue.controller';
import { DissolveStateHandler } from './dissolve/dissolve.command';
import { DissolveStateController } from './dissolve/dissolve.controller';
import { ReadmitStateHandler } from './readmit/readmit.command';
import { ReadmitStateController } from './readmit/readmit.controller';
import { RenameStateHandler } from './rename/rename.command';
import { RenameStateController } from './rename/rename.controller';
import { StateWriter } from './state-writer';
import { SuspendStateHandler } from './suspend/suspend.command';
import { SuspendStateController } from './suspend/suspend.controller';

@Module({
  controllers: [
    AdmitStateController,
    ContinueParticipationController,
    SuspendStateController,
    ReadmitStateController,
    RenameStateController,
    DissolveStateController,
  ],
  providers: [
    StateWriter,
    AdmitStateHandler,
    ContinueParticipationHandler,
    SuspendStateHandler,
    ReadmitStateHandler,
    RenameStateHandler,
    DissolveStateHandler,
  ],
  exports: [StateWriter],
})
export class ParticipatingStatesModule {}
