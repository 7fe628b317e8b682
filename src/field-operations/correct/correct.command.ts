import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommand } from '../../shared/application/registry-command';
import type { WriteResult } from '../../shared/application/write-result';
import { FieldOperationWriter } from '../field-operation-writer';
import { type CorrectFact, decideCorrection } from './correct.decide';

export class CorrectFactCommand extends RegistryCommand<CorrectFact> {}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

@CommandHandler(CorrectFactCommand)
export class CorrectFactHandler implements ICommandHandler<CorrectFactCommand> {
  constructor(private readonly writer: FieldOperationWriter) {}

  execute({ payload, context }: CorrectFactCommand): Promise<WriteResult> {
    const { decision, hostStates, successors } = payload.changes;
    return this.writer.write(
      payload.operationId,
      context,
      {
        decisions: typeof decision === 'string' ? [decision] : [],
        states: strings(hostStates),
        operations: strings(successors),
      },
      (_, refs, history) => decideCorrection(payload, history, refs),
    );
  }
}
