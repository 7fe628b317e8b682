import { firstDay, type PartialDate } from '../../shared/domain/partial-date';
import {
  PARTICIPATION_CONTINUED,
  STATE_ADMITTED,
  STATE_DISSOLVED,
  STATE_READMITTED,
  STATE_RENAMED,
  STATE_SUSPENDED,
  type StateDissolved,
  stateFactOf,
} from './events';

export {
  PARTICIPATING_STATE_STREAM_PREFIX,
  STATE_ADMITTED,
  type StateAdmitted,
  streamOfState,
} from './events';

export interface NameVersion {
  name: string;
  from: PartialDate;
}

/** A suspension of participation, until the readmission that ended it (`to`, exclusive). */
export interface Suspension {
  from: PartialDate;
  to: PartialDate | null;
}

/** A participating State as its stream tells it, with every dated version kept for as-of views. */
export interface ParticipatingStateRecord {
  stateId: string;
  /** The name in force last (by valid date). */
  name: string;
  /** First day of participation: its admission, or the day it continued another State's. */
  admittedOn: PartialDate;
  /** The State whose participation it continues, when it was not admitted in its own right. */
  continues: string | null;
  names: NameVersion[];
  suspensions: Suspension[];
  dissolution: Omit<StateDissolved, 'stateId' | 'provenance'> | null;
}

export type ParticipatingState = ParticipatingStateRecord | undefined;

/** Pure fold of one State's stream; events of other types are ignored. */
export function evolveState(
  state: ParticipatingState,
  event: { type: string; data: unknown },
): ParticipatingState {
  const fact = stateFactOf(event);
  if (!fact) return state;
  switch (fact.type) {
    case STATE_ADMITTED:
    case PARTICIPATION_CONTINUED: {
      const { stateId, name } = fact.data;
      const from = fact.type === STATE_ADMITTED ? fact.data.admittedOn : fact.data.continuedOn;
      return {
        stateId,
        name,
        admittedOn: from,
        continues: fact.type === PARTICIPATION_CONTINUED ? fact.data.continues : null,
        names: [{ name, from }],
        suspensions: [],
        dissolution: null,
      };
    }
  }
  if (!state) return state;
  switch (fact.type) {
    case STATE_SUSPENDED:
      return {
        ...state,
        suspensions: [...state.suspensions, { from: fact.data.suspendedOn, to: null }],
      };
    case STATE_READMITTED:
      return {
        ...state,
        suspensions: state.suspensions.map((s, i) =>
          i === state.suspensions.length - 1 ? { ...s, to: fact.data.readmittedOn } : s,
        ),
      };
    case STATE_RENAMED: {
      const names = [...state.names, { name: fact.data.name, from: fact.data.effectiveOn }];
      return { ...state, names, name: nameInForce(names, '9999-12-31').name };
    }
    case STATE_DISSOLVED: {
      const { dissolvedOn, successors, continuedBy } = fact.data;
      return { ...state, dissolution: { dissolvedOn, successors: [...successors], continuedBy } };
    }
  }
}

/**
 * The name in force on `day`: the one that started last on or before it by valid date, recording
 * order breaking ties; before the first, the first.
 */
export function nameInForce(names: readonly NameVersion[], day: string): NameVersion {
  let found: NameVersion | undefined;
  for (const version of names) {
    const start = firstDay(version.from);
    if (start <= day && (found === undefined || start >= firstDay(found.from))) found = version;
  }
  return found ?? names[0];
}

/** The suspension still open (not ended by a readmission), if any. */
export function openSuspension(state: ParticipatingStateRecord): Suspension | undefined {
  const last = state.suspensions[state.suspensions.length - 1];
  return last && last.to === null ? last : undefined;
}

export const foldState = (events: ReadonlyArray<{ type: string; data: unknown }>) =>
  events.reduce<ParticipatingState>(evolveState, undefined);
