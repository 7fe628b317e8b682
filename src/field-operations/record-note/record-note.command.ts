import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommand } from '../../shared/application/registry-command';
import type { WriteResult } from '../../shared/application/write-result';
import { FieldOperationWriter } from '../field-operation-writer';
import { decideRecordNote, type RecordNote } from './record-note.decide';

export class RecordNoteCommand extends RegistryCommand<RecordNote> {}

@CommandHandler(RecordNoteCommand)
export class RecordNoteHandler implements ICommandHandler<RecordNoteCommand> {
  constructor(private readonly writer: FieldOperationWriter) {}

  execute({ payload, context }: RecordNoteCommand): Promise<WriteResult> {
    return this.writer.write(
      payload.operationId,
      context,
      { decisions: [payload.decision] },
      (state, refs) => decideRecordNote(payload, state, refs),
    );
  }
}
