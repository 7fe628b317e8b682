import { Module } from '@nestjs/common';
import { AgreeMandateController } from './agree-mandate/agree-mandate.controller';
import { AgreeMandateHandler } from './agree-mandate/agree-mandate.command';
import { AppointHeadController } from './appoint-head/appoint-head.controller';
import { AppointHeadHandler } from './appoint-head/appoint-head.command';
import { ChangeHostStatesController } from './change-host-states/change-host-states.controller';
import { ChangeHostStatesHandler } from './change-host-states/change-host-states.command';
import { ChangeSeatController } from './change-seat/change-seat.controller';
import { ChangeSeatHandler } from './change-seat/change-seat.command';
import { CloseFieldOperationController } from './close/close.controller';
import { CloseFieldOperationHandler } from './close/close.command';
import { CorrectFactController } from './correct/correct.controller';
import { CorrectFactHandler } from './correct/correct.command';
import { EstablishFieldOperationController } from './establish/establish.controller';
import { EstablishFieldOperationHandler } from './establish/establish.command';
import { ExtendMandateController } from './extend-mandate/extend-mandate.controller';
import { ExtendMandateHandler } from './extend-mandate/extend-mandate.command';
import { FieldOperationWriter } from './field-operation-writer';
import { RecordNoteController } from './record-note/record-note.controller';
import { RecordNoteHandler } from './record-note/record-note.command';
import { RenameFieldOperationController } from './rename/rename.controller';
import { RenameFieldOperationHandler } from './rename/rename.command';

/** The write side of field operations: one controller and one command handler per use case. */
@Module({
  controllers: [
    EstablishFieldOperationController,
    AgreeMandateController,
    ExtendMandateController,
    RenameFieldOperationController,
    AppointHeadController,
    ChangeSeatController,
    ChangeHostStatesController,
    RecordNoteController,
    CloseFieldOperationController,
    CorrectFactController,
  ],
  providers: [
    FieldOperationWriter,
    EstablishFieldOperationHandler,
    AgreeMandateHandler,
    ExtendMandateHandler,
    RenameFieldOperationHandler,
    AppointHeadHandler,
    ChangeSeatHandler,
    ChangeHostStatesHandler,
    RecordNoteHandler,
    CloseFieldOperationHandler,
    CorrectFactHandler,
  ],
})
export class FieldOperationsModule {}
