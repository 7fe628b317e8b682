import { type ProvenanceInput, withProvenance } from '../../field-operations/domain/provenance';
import { DomainError } from '../../shared/domain/domain-error';
import { endsBefore, type PartialDate } from '../../shared/domain/partial-date';
import { STATE_READMITTED, type StateReadmitted } from '../domain/events';
import { requireActiveState } from '../domain/guards';
import { openSuspension, type ParticipatingState } from '../domain/participating-state';

export interface ReadmitState {
  id: string;
  readmittedOn: PartialDate;
  provenance?: ProvenanceInput | null;
}

/** Ends a suspension: only a suspended, not dissolved State may be readmitted. */
export function decideReadmit(
  command: ReadmitState,
  state: ParticipatingState,
): Array<{ type: typeof STATE_READMITTED; data: StateReadmitted }> {
  const current = requireActiveState(state, command.id);
  const open = openSuspension(current);
  if (!open) {
    throw new DomainError(
      'not-suspended',
      409,
      `Participating State "${command.id}" is not suspended`,
    );
  }
  if (endsBefore(command.readmittedOn, open.from)) {
    throw new DomainError(
      'readmitted-before-suspension',
      422,
      `Readmission on ${command.readmittedOn} is before the suspension on ${open.from}`,
      '/readmittedOn',
    );
  }
  return [
    {
      type: STATE_READMITTED,
      data: {
        stateId: command.id,
        readmittedOn: command.readmittedOn,
        ...withProvenance(command.provenance),
      },
    },
  ];
}
