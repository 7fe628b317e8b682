import { Module } from '@nestjs/common';
import { AgreeMandateController } from './agree-mandate/agree-mandate.controller';
import { AgreeMandateHandler } from './agree-mandate/agree-mandate.command';
import { AppointHeadController } from './appoint-head/appoint-head.controller';
import { AppointHeadHandler } from './appoint-head/appoint-head.command';
import { CloseFieldOperationController } from './close/close.controller';
import { CloseFieldOperationHandler } from './close/close.command';
import { CorrectFactController } from './correct/correct.controller';
import { CorrectFactHandler } from './correct/correct.command';
import { EstablishFieldOperationController } from './establish/establish.controller';
import { EstablishFieldOperationHandler } from './establish/establish.command';
import { ExtendMandateController } from './extend-mandate/extend-mandate.controller';
import { ExtendMandateHandler } from './extend-mandate/extend-mandate.command';
import { FieldOperationWriter } from './field-operation-writer';
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
    CloseFieldOperationHandler,
    CorrectFactHandler,
  ],
})
export class FieldOperationsModule {}
