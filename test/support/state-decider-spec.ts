import { DomainError } from '../../src/shared/domain/domain-error';
import type { StateLookup } from '../../src/participating-states/domain/guards';
import {
  foldState,
  type ParticipatingState,
} from '../../src/participating-states/domain/participating-state';

type Event = { type: string; data: unknown };

/**
 * Given/When/Then for participating-State deciders: given the State's past events, when a command
 * (decided against the folded State and the other States named), then events or a refusal.
 */
export function givenState(...history: Event[]) {
  const state = foldState(history);
  return {
    when(decide: (state: ParticipatingState) => readonly Event[]) {
      const run = (): readonly Event[] => decide(state);
      return {
        then(expected: Event[]): void {
          expect(run()).toEqual(expected);
        },
        thenRefuses(code: string, status: number, pointer?: string): void {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(DomainError);
          expect(error).toMatchObject({ code, status, ...(pointer ? { pointer } : {}) });
        },
      };
    },
  };
}

/** Other registered States, each given by its past events. */
export function otherStates(streams: Record<string, Event[]> = {}): StateLookup {
  return (id) => (streams[id] ? foldState(streams[id]) : undefined);
}

/** Stored State events for specs. */
export const admitted = (stateId: string, name: string, admittedOn: string): Event => ({
  type: 'ParticipatingStateAdmitted',
  data: { stateId, name, admittedOn },
});
export const continued = (
  stateId: string,
  name: string,
  continuedOn: string,
  continues: string,
): Event => ({ type: 'ParticipationContinued', data: { stateId, name, continuedOn, continues } });
export const suspended = (stateId: string, suspendedOn: string): Event => ({
  type: 'ParticipatingStateSuspended',
  data: { stateId, suspendedOn },
});
export const readmitted = (stateId: string, readmittedOn: string): Event => ({
  type: 'ParticipatingStateReadmitted',
  data: { stateId, readmittedOn },
});
export const renamed = (stateId: string, name: string, effectiveOn: string): Event => ({
  type: 'ParticipatingStateRenamed',
  data: { stateId, name, effectiveOn },
});
export const dissolved = (
  stateId: string,
  dissolvedOn: string,
  successors: string[] = [],
  continuedBy: string | null = null,
): Event => ({
  type: 'ParticipatingStateDissolved',
  data: { stateId, dissolvedOn, successors, continuedBy },
});
