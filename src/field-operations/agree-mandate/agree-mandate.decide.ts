import type { PartialDate } from '../../shared/domain/partial-date';
import { type FieldOperationEvent, typeOf } from '../domain/events';
import { requireOpen, requireUntilNotBefore } from '../domain/guards';
import { type References, requireDecision } from '../domain/references';
import { currentName, type FieldOperationState } from '../domain/state';
import { type ProvenanceInput, withProvenance } from '../domain/provenance';

export interface AgreeMandate {
  operationId: string;
  decision: string;
  effectiveFrom: PartialDate;
  summary: string;
  until?: PartialDate | null;
  provenance?: ProvenanceInput | null;
}

export function decideAgreeMandate(
  command: AgreeMandate,
  state: FieldOperationState,
  refs: References,
): FieldOperationEvent[] {
  const operation = requireOpen(state, command.operationId);
  requireDecision(refs, command.decision);
  const until = command.until ?? null;
  requireUntilNotBefore(until, command.effectiveFrom, '/until');
  return [
    {
      type: typeOf('mandate-agreed', currentName(operation).kind),
      data: {
        operationId: command.operationId,
        decision: command.decision,
        effectiveFrom: command.effectiveFrom,
        summary: command.summary,
        until,
        ...withProvenance(command.provenance),
      },
    },
  ];
}
