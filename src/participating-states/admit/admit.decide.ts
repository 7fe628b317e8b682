import { type ProvenanceInput, withProvenance } from '../../field-operations/domain/provenance';
import type { PartialDate } from '../../shared/domain/partial-date';
import { STATE_ADMITTED, type StateAdmitted } from '../domain/events';
import { requireUnregistered } from '../domain/guards';
import type { ParticipatingState } from '../domain/participating-state';

export interface AdmitState {
  id: string;
  name: string;
  admittedOn: PartialDate;
  provenance?: ProvenanceInput | null;
}

export function decideAdmit(
  command: AdmitState,
  state: ParticipatingState,
): Array<{ type: typeof STATE_ADMITTED; data: StateAdmitted }> {
  requireUnregistered(state, command.id);
  return [
    {
      type: STATE_ADMITTED,
      data: {
        stateId: command.id,
        name: command.name,
        admittedOn: command.admittedOn,
        ...withProvenance(command.provenance),
      },
    },
  ];
}
