import type { PartialDate } from '../../shared/domain/partial-date';
import {
  CHAIRPERSON_IN_OFFICE_APPOINTED,
  CHAIRPERSONSHIP_ASSUMED,
  chairpersonshipFactOf,
} from './events';

export interface ChairpersonInOffice {
  name: string;
  role: string | null;
  from: PartialDate;
  to: PartialDate | null;
  datesFromPeriod: boolean;
}

/** A Chairpersonship as its stream tells it. */
export interface Chairpersonship {
  id: string;
  state: string;
  year: number | null;
  from: PartialDate;
  to: PartialDate;
  chairpersonsInOffice: ChairpersonInOffice[];
}

export type ChairpersonshipState = Chairpersonship | undefined;

/** Pure fold of one Chairpersonship's stream; other event types are ignored. */
export function evolveChairpersonship(
  state: ChairpersonshipState,
  event: { type: string; data: unknown },
): ChairpersonshipState {
  const fact = chairpersonshipFactOf(event);
  if (!fact) return state;
  if (fact.type === CHAIRPERSONSHIP_ASSUMED) {
    const { chairpersonshipId, state: chair, year, from, to } = fact.data;
    return { id: chairpersonshipId, state: chair, year, from, to, chairpersonsInOffice: [] };
  }
  if (!state || fact.type !== CHAIRPERSON_IN_OFFICE_APPOINTED) return state;
  const { name, role, from, to, datesFromPeriod } = fact.data;
  return {
    ...state,
    chairpersonsInOffice: [
      ...state.chairpersonsInOffice,
      { name, role, from, to, datesFromPeriod },
    ],
  };
}

export const foldChairpersonship = (events: ReadonlyArray<{ type: string; data: unknown }>) =>
  events.reduce<ChairpersonshipState>(evolveChairpersonship, undefined);
