import type { PartialDate } from '../../shared/domain/partial-date';
import { type FieldOperationEvent, typeOf } from '../domain/events';
import { requireOpen } from '../domain/guards';
import { type References, requireDecision } from '../domain/references';
import { currentName, type FieldOperationState } from '../domain/state';
import { type ProvenanceInput, withProvenance } from '../domain/provenance';

export interface AppointHead {
  operationId: string;
  name: string;
  from: PartialDate;
  /** The decision the appointment rests on, if any (always the decision, as its effect). */
  decision?: string | null;
  provenance?: ProvenanceInput | null;
}

/** Without references no decision is known: an appointment citing one is then refused. */
const NO_DECISIONS: Pick<References, 'hasDecision'> = { hasDecision: () => false };

export function decideAppointHead(
  command: AppointHead,
  state: FieldOperationState,
  refs: Pick<References, 'hasDecision'> = NO_DECISIONS,
): FieldOperationEvent[] {
  const operation = requireOpen(state, command.operationId);
  requireDecision(refs, command.decision);
  return [
    {
      type: typeOf('head-appointed', currentName(operation).kind),
      data: {
        operationId: command.operationId,
        name: command.name,
        from: command.from,
        decision: command.decision ?? null,
        ...withProvenance(command.provenance),
      },
    },
  ];
}
