import { DomainError } from '../../shared/domain/domain-error';
import { firstDay, type PartialDate } from '../../shared/domain/partial-date';
import { type FieldOperationEvent, typeOf } from '../domain/events';
import { requireNotBeforeEstablishment, requireOpen } from '../domain/guards';
import { type ProvenanceInput, withProvenance } from '../domain/provenance';
import { type References, requireDecision, requireStates } from '../domain/references';
import { currentName, type FieldOperationState } from '../domain/state';
import { viewOn } from '../domain/view';

export interface ChangeHostStates {
  operationId: string;
  hostStates: string[];
  effectiveOn: PartialDate;
  decision?: string | null;
  provenance?: ProvenanceInput | null;
}

const sameStates = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((id) => b.includes(id));

/**
 * The operation's host States change from a date on (a host State that changed identity, as
 * Serbia and Montenegro -> Serbia in 2006); every one must be a registered participating State.
 */
export function decideChangeHostStates(
  command: ChangeHostStates,
  state: FieldOperationState,
  refs: References,
): FieldOperationEvent[] {
  const operation = requireOpen(state, command.operationId);
  const hostStates = [...new Set(command.hostStates)];
  if (hostStates.length === 0) {
    throw new DomainError(
      'host-states-required',
      422,
      'Name at least one host State',
      '/hostStates',
    );
  }
  requireStates(refs, hostStates);
  requireDecision(refs, command.decision);
  requireNotBeforeEstablishment(
    operation,
    command.effectiveOn,
    'host-states-changed',
    '/effectiveOn',
  );
  if (sameStates(viewOn(operation, firstDay(command.effectiveOn)).hostStates, hostStates)) {
    throw new DomainError(
      'host-states-unchanged',
      422,
      `The host States on ${command.effectiveOn} are already ${hostStates.join(', ')}`,
      '/hostStates',
    );
  }
  return [
    {
      type: typeOf('host-states-changed', currentName(operation).kind),
      data: {
        operationId: command.operationId,
        hostStates,
        effectiveOn: command.effectiveOn,
        decision: command.decision ?? null,
        ...withProvenance(command.provenance),
      },
    },
  ];
}
