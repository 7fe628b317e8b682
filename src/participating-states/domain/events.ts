import type { Provenance } from '../../field-operations/domain/provenance';
import type { PartialDate } from '../../shared/domain/partial-date';

/**
 * The facts recorded on a participating State's stream. A State starts either by admission or by
 * continuing another State's participation (the Russian Federation continuing the USSR's); every
 * fact may carry the provenance the data set gives it.
 */
interface Sourced {
  stateId: string;
  provenance?: Provenance;
}

export interface StateAdmitted extends Sourced {
  name: string;
  admittedOn: PartialDate;
}

export interface ParticipationContinued extends Sourced {
  name: string;
  continuedOn: PartialDate;
  /** The State whose participation this one continues. */
  continues: string;
}

export interface StateSuspended extends Sourced {
  suspendedOn: PartialDate;
}

export interface StateReadmitted extends Sourced {
  readmittedOn: PartialDate;
}

export interface StateRenamed extends Sourced {
  name: string;
  effectiveOn: PartialDate;
}

export interface StateDissolved extends Sourced {
  /** Last day of its participation (inclusive). */
  dissolvedOn: PartialDate;
  successors: string[];
  /** The successor that continues its participation, if one does. */
  continuedBy: string | null;
}

export const STATE_ADMITTED = 'ParticipatingStateAdmitted';
export const PARTICIPATION_CONTINUED = 'ParticipationContinued';
export const STATE_SUSPENDED = 'ParticipatingStateSuspended';
export const STATE_READMITTED = 'ParticipatingStateReadmitted';
export const STATE_RENAMED = 'ParticipatingStateRenamed';
export const STATE_DISSOLVED = 'ParticipatingStateDissolved';

export type StateFact =
  | { type: typeof STATE_ADMITTED; data: StateAdmitted }
  | { type: typeof PARTICIPATION_CONTINUED; data: ParticipationContinued }
  | { type: typeof STATE_SUSPENDED; data: StateSuspended }
  | { type: typeof STATE_READMITTED; data: StateReadmitted }
  | { type: typeof STATE_RENAMED; data: StateRenamed }
  | { type: typeof STATE_DISSOLVED; data: StateDissolved };

export const STATE_FACT_TYPES: ReadonlyArray<StateFact['type']> = [
  STATE_ADMITTED,
  PARTICIPATION_CONTINUED,
  STATE_SUSPENDED,
  STATE_READMITTED,
  STATE_RENAMED,
  STATE_DISSOLVED,
];

/** A stored event read back as a State fact, or undefined for any other type. */
export function stateFactOf(event: { type: string; data: unknown }): StateFact | undefined {
  return (STATE_FACT_TYPES as readonly string[]).includes(event.type)
    ? (event as StateFact)
    : undefined;
}

export const PARTICIPATING_STATE_STREAM_PREFIX = 'participating-state-';
export const streamOfState = (id: string): string => `${PARTICIPATING_STATE_STREAM_PREFIX}${id}`;
