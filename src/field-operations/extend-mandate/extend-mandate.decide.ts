import { DomainError } from '../../shared/domain/domain-error';
import type { PartialDate } from '../../shared/domain/partial-date';
import { type FieldOperationEvent, typeOf } from '../domain/events';
import { requireOpen, requireUntilNotBefore } from '../domain/guards';
import { notLaterThan, untilInForce } from '../domain/invariants';
import { type References, requireDecision } from '../domain/references';
import { currentName, type FieldOperationState } from '../domain/state';
import { type ProvenanceInput, withProvenance } from '../domain/provenance';

export interface ExtendMandate {
  operationId: string;
  decision: string;
  until: PartialDate;
  provenance?: ProvenanceInput | null;
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
  requireUntilNotBefore(command.until, mandate.effectiveFrom, '/until');
  const current = untilInForce(mandate);
  if (notLaterThan(command.until, current)) {
    throw new DomainError(
      'extension-not-later',
      422,
      `An extension until ${command.until} does not extend the mandate beyond ${current}; a shorter mandate is a new mandate or a correction`,
      '/until',
    );
  }
  return [
    {
      type: typeOf('mandate-extended', currentName(operation).kind),
      data: {
        operationId: command.operationId,
        decision: command.decision,
        until: command.until,
        ...withProvenance(command.provenance),
      },
    },
  ];
}
