import type { PartialDate } from '../../shared/domain/partial-date';

export interface StateAdmitted {
  stateId: string;
  name: string;
  admittedOn: PartialDate;
}

export const STATE_ADMITTED = 'ParticipatingStateAdmitted';
export const PARTICIPATING_STATE_STREAM_PREFIX = 'participating-state-';
export const streamOfState = (id: string): string => `${PARTICIPATING_STATE_STREAM_PREFIX}${id}`;

export type ParticipatingState = StateAdmitted | undefined;

export function evolveState(
  state: ParticipatingState,
  event: { type: string; data: unknown },
): ParticipatingState {
  return event.type === STATE_ADMITTED ? (event.data as StateAdmitted) : state;
}
