import { DomainError } from '../../shared/domain/domain-error';
import { endsBefore, type PartialDate } from '../../shared/domain/partial-date';
import { type FieldOperationEvent, typeOf } from '../domain/events';
import { requireOpen } from '../domain/guards';
import { type References, requireDecision } from '../domain/references';
import { currentName, type FieldOperationState } from '../domain/state';

export interface ExtendMandate {
  operationId: string;
  decision: string;
  until: PartialDate;
}

export function decideExtendMandate(
  command: ExtendMandate,
  state: FieldOperationState,
  refs: References,
): FieldOperationEvent[] {
  const operation = requireOpen(state, command.operationId);
  requireDecision(refs, command.decision);
  const mandate = operation.mandates[operation.mandates.length - 1];
  if (!mandate) {
    throw new DomainError(
      'no-mandate',
      409,
      `Field operation "${command.operationId}" has no mandate to extend`,
    );
  }
  if (endsBefore(command.until, mandate.effectiveFrom)) {
    throw new DomainError(
      'mandate-ends-before-start',
      422,
      `Mandate until ${command.until} is before its start ${mandate.effectiveFrom}`,
      '/until',
    );
  }
  return [
    {
      type: typeOf('mandate-extended', currentName(operation).kind),
      data: { operationId: command.operationId, decision: command.decision, until: command.until },
    },
  ];
}
