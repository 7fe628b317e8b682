import { type ProvenanceInput, withProvenance } from '../../field-operations/domain/provenance';
import { DomainError } from '../../shared/domain/domain-error';
import { endsBefore, type PartialDate } from '../../shared/domain/partial-date';
import { STATE_SUSPENDED, type StateSuspended } from '../domain/events';
import { requireActiveState, requireNotBeforeStart } from '../domain/guards';
import { openSuspension, type ParticipatingState } from '../domain/participating-state';

export interface SuspendState {
  id: string;
  suspendedOn: PartialDate;
  provenance?: ProvenanceInput | null;
}

/** Only a participating State may be suspended: registered, not dissolved, not suspended. */
export function decideSuspend(
  command: SuspendState,
  state: ParticipatingState,
): Array<{ type: typeof STATE_SUSPENDED; data: StateSuspended }> {
  const current = requireActiveState(state, command.id);
  requireNotBeforeStart(current, command.suspendedOn, '/suspendedOn');
  const open = openSuspension(current);
  if (open) {
    throw new DomainError(
      'already-suspended',
      409,
      `Participating State "${command.id}" is suspended since ${open.from} and not readmitted`,
    );
  }
  const readmitted = current.suspensions[current.suspensions.length - 1]?.to;
  if (readmitted && endsBefore(command.suspendedOn, readmitted)) {
    throw new DomainError(
      'before-readmission',
      422,
      `Suspension on ${command.suspendedOn} is before the last readmission on ${readmitted}`,
      '/suspendedOn',
    );
  }
  return [
    {
      type: STATE_SUSPENDED,
      data: {
        stateId: command.id,
        suspendedOn: command.suspendedOn,
        ...withProvenance(command.provenance),
      },
    },
  ];
}
