import { DomainError } from '../../shared/domain/domain-error';
import type { PartialDate } from '../../shared/domain/partial-date';
import {
  type ParticipatingState,
  STATE_ADMITTED,
  type StateAdmitted,
} from '../domain/participating-state';

export interface AdmitState {
  id: string;
  name: string;
  admittedOn: PartialDate;
}

export function decideAdmit(
  command: AdmitState,
  state: ParticipatingState,
): Array<{ type: string; data: StateAdmitted }> {
  if (state) {
    throw new DomainError(
      'already-admitted',
      409,
      `Participating State "${command.id}" is already registered`,
      '/id',
    );
  }
  return [
    {
      type: STATE_ADMITTED,
      data: { stateId: command.id, name: command.name, admittedOn: command.admittedOn },
    },
  ];
}
