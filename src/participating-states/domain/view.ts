import { firstDay, lastDay, type PartialDate } from '../../shared/domain/partial-date';
import {
  nameInForce,
  type NameVersion,
  type ParticipatingStateRecord,
  type Suspension,
} from './participating-state';

export const STATE_STATUSES = [
  'not-yet-admitted',
  'participating',
  'suspended',
  'continued',
  'dissolved',
] as const;
export type StateStatus = (typeof STATE_STATUSES)[number];

/** A participating State as it stood on a day (valid time). */
export interface ParticipatingStateView {
  id: string;
  /** The name in force on the day (before admission: the first name). */
  name: string;
  status: StateStatus;
  /** First day of participation: admission, or continuation of another State's. */
  admittedOn: PartialDate;
  continues: string | null;
  /** The State continuing its participation, as recorded by either side. */
  continuedBy: string | null;
  /** Start of the suspension in force on the day. */
  suspendedSince: PartialDate | null;
  dissolvedOn: PartialDate | null;
  successors: string[];
  /** States it succeeded: the one it continues and those naming it a successor. */
  predecessors: string[];
  names: NameVersion[];
  suspensions: Suspension[];
}

/** Every State registered, by id: what a view needs to see links recorded by the other side. */
export type Registry = ReadonlyMap<string, ParticipatingStateRecord>;

/** The State continuing `state`: named by its dissolution, or continuing it by its own record. */
export function continuatorOf(
  state: ParticipatingStateRecord,
  registry: Registry,
): ParticipatingStateRecord | undefined {
  const named = state.dissolution?.continuedBy;
  if (named && registry.has(named)) return registry.get(named);
  return [...registry.values()].find((other) => other.continues === state.stateId);
}

/**
 * Status on `day` (YYYY-MM-DD). A period counts from its first day for starts and to its last
 * day for ends. A State whose continuator has begun no longer participates in its own right
 * (the USSR once the Russian Federation continues it), and a suspended State is counted out.
 */
export function statusOn(
  state: ParticipatingStateRecord,
  day: string,
  registry: Registry,
): StateStatus {
  if (day < firstDay(state.admittedOn)) return 'not-yet-admitted';
  if (state.dissolution && day > lastDay(state.dissolution.dissolvedOn)) return 'dissolved';
  const continuator = continuatorOf(state, registry);
  if (continuator && firstDay(continuator.admittedOn) <= day) return 'continued';
  return suspensionOn(state, day) ? 'suspended' : 'participating';
}

function suspensionOn(state: ParticipatingStateRecord, day: string): Suspension | undefined {
  return state.suspensions.find(
    (s) => firstDay(s.from) <= day && (s.to === null || day < firstDay(s.to)),
  );
}

export function viewOn(
  state: ParticipatingStateRecord,
  day: string,
  registry: Registry,
): ParticipatingStateView {
  const status = statusOn(state, day, registry);
  const named = [...registry.values()]
    .filter((other) => other.dissolution?.successors.includes(state.stateId))
    .map((other) => other.stateId);
  return {
    id: state.stateId,
    name: nameInForce(state.names, day).name,
    status,
    admittedOn: state.admittedOn,
    continues: state.continues,
    continuedBy: continuatorOf(state, registry)?.stateId ?? null,
    suspendedSince: status === 'suspended' ? (suspensionOn(state, day)?.from ?? null) : null,
    dissolvedOn: state.dissolution?.dissolvedOn ?? null,
    successors: state.dissolution?.successors ?? [],
    predecessors: [...new Set([...(state.continues ? [state.continues] : []), ...named])],
    names: state.names,
    suspensions: state.suspensions,
  };
}
