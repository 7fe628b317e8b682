import { DomainError } from '../../shared/domain/domain-error';
import { endsBefore, type PartialDate } from '../../shared/domain/partial-date';
import { type ClosureReason, type FieldOperationEvent, typeOf } from '../domain/events';
import { requireOpen } from '../domain/guards';
import { factAfter } from '../domain/invariants';
import { type References, requireDecision, requireOperations } from '../domain/references';
import { currentName, type FieldOperationState } from '../domain/state';
import { type ProvenanceInput, withProvenance } from '../domain/provenance';

export interface CloseFieldOperation {
  operationId: string;
  closedOn: PartialDate;
  reason: ClosureReason;
  decision?: string | null;
  successors?: string[];
  provenance?: ProvenanceInput | null;
}

export function decideClose(
  command: CloseFieldOperation,
  state: FieldOperationState,
  refs: References,
): FieldOperationEvent[] {
  const operation = requireOpen(state, command.operationId);
  if (endsBefore(command.closedOn, operation.establishedOn)) {
    throw new DomainError(
      'closed-before-establishment',
      422,
      `Closure on ${command.closedOn} is before establishment on ${operation.establishedOn}`,
      '/closedOn',
    );
  }
  const later = factAfter(operation, command.closedOn);
  if (later) {
    throw new DomainError(
      'closed-before-recorded-fact',
      422,
      `Closure on ${command.closedOn} is before ${later.what}, effective ${later.from}; correct that fact first or close later`,
      '/closedOn',
    );
  }
  if (command.reason === 'no-consensus' && command.decision) {
    throw new DomainError(
      'decision-without-consensus',
      422,
      'A closure for lack of consensus cites no decision',
      '/decision',
    );
  }
  requireDecision(refs, command.decision);
  const successors = command.successors ?? [];
  requireOperations(refs, successors, 'successors', command.operationId);
  const mutual = successors.findIndex((id) => operation.predecessors.includes(id));
  if (mutual !== -1) {
    throw new DomainError(
      'succession-cycle',
      422,
      `"${successors[mutual]}" is a predecessor of "${command.operationId}" and cannot also be its successor`,
      `/successors/${mutual}`,
    );
  }
  return [
    {
      type: typeOf('closed', currentName(operation).kind),
      data: {
        operationId: command.operationId,
        closedOn: command.closedOn,
        reason: command.reason,
        decision: command.decision ?? null,
        successors,
        ...withProvenance(command.provenance),
      },
    },
  ];
}
