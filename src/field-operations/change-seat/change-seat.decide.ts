import { DomainError } from '../../shared/domain/domain-error';
import { firstDay, type PartialDate } from '../../shared/domain/partial-date';
import { type FieldOperationEvent, typeOf } from '../domain/events';
import { requireNotBeforeEstablishment, requireOpen } from '../domain/guards';
import { type ProvenanceInput, withProvenance } from '../domain/provenance';
import { type References, requireDecision } from '../domain/references';
import { currentName, type FieldOperationState } from '../domain/state';
import { viewOn } from '../domain/view';

export interface ChangeSeat {
  operationId: string;
  seat: string;
  effectiveOn: PartialDate;
  decision?: string | null;
  provenance?: ProvenanceInput | null;
}

/** The operation moves its seat from a date on (the seat in force before stays in the history). */
export function decideChangeSeat(
  command: ChangeSeat,
  state: FieldOperationState,
  refs: References,
): FieldOperationEvent[] {
  const operation = requireOpen(state, command.operationId);
  requireDecision(refs, command.decision);
  requireNotBeforeEstablishment(operation, command.effectiveOn, 'seat-changed', '/effectiveOn');
  if (viewOn(operation, firstDay(command.effectiveOn)).seat === command.seat) {
    throw new DomainError(
      'seat-unchanged',
      422,
      `The seat on ${command.effectiveOn} is already ${command.seat}`,
      '/seat',
    );
  }
  return [
    {
      type: typeOf('seat-changed', currentName(operation).kind),
      data: {
        operationId: command.operationId,
        seat: command.seat,
        effectiveOn: command.effectiveOn,
        decision: command.decision ?? null,
        ...withProvenance(command.provenance),
      },
    },
  ];
}
