import { DomainError } from '../../shared/domain/domain-error';
import { endsBefore, type PartialDate } from '../../shared/domain/partial-date';
import type { ParticipatingState, ParticipatingStateRecord } from './participating-state';

/** Every change but a State's start needs a registered State that is not dissolved. */
export function requireActiveState(
  state: ParticipatingState,
  id: string,
): ParticipatingStateRecord {
  if (!state) {
    throw new DomainError('unknown-state', 404, `Participating State "${id}" is not registered`);
  }
  if (state.dissolution) {
    throw new DomainError(
      'state-dissolved',
      409,
      `Participating State "${id}" was dissolved on ${state.dissolution.dissolvedOn}; nothing more may be recorded on it`,
    );
  }
  return state;
}

/** A fact dated certainly before the State's participation began is refused. */
export function requireNotBeforeStart(
  state: ParticipatingStateRecord,
  date: PartialDate,
  pointer: string,
): void {
  if (endsBefore(date, state.admittedOn)) {
    throw new DomainError(
      'before-admission',
      422,
      `${date} is before the participation of "${state.stateId}" began on ${state.admittedOn}`,
      pointer,
    );
  }
}

/** The first event of a stream: nothing may be registered under the id yet. */
export function requireUnregistered(state: ParticipatingState, id: string): void {
  if (state) {
    throw new DomainError(
      'already-admitted',
      409,
      `Participating State "${id}" is already registered`,
      '/id',
    );
  }
}

/** Other States a command names, folded from their streams: undefined when not registered. */
export type StateLookup = (id: string) => ParticipatingState;

export function requireRegistered(
  lookup: StateLookup,
  id: string,
  pointer: string,
): ParticipatingStateRecord {
  const state = lookup(id);
  if (!state) {
    throw new DomainError(
      'unknown-state',
      422,
      `Participating State "${id}" is not registered`,
      pointer,
    );
  }
  return state;
}
