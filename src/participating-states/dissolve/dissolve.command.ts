import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RegistryCommand } from '../../shared/application/registry-command';
import type { WriteResult } from '../../shared/application/write-result';
import { StateWriter } from '../state-writer';
import { decideDissolve, type DissolveState } from './dissolve.decide';

export class DissolveStateCommand extends RegistryCommand<DissolveState> {}

@CommandHandler(DissolveStateCommand)
export class DissolveStateHandler implements ICommandHandler<DissolveStateCommand> {
  constructor(private readonly states: StateWriter) {}

  execute({ payload, context }: DissolveStateCommand): Promise<WriteResult> {
    return this.states.write(
      payload.id,
      context,
      [...(payload.successors ?? []), payload.continuedBy],
      (state, lookup) => decideDissolve(payload, state, lookup),
    );
  }
}
