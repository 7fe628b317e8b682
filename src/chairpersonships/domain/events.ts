import type { Provenance } from '../../field-operations/domain/provenance';
import type { PartialDate } from '../../shared/domain/partial-date';

/** A participating State takes the Chair for a period (`to` is its last day, inclusive). */
export interface ChairpersonshipAssumed {
  chairpersonshipId: string;
  state: string;
  /** The calendar year principally covered, when given. */
  year: number | null;
  from: PartialDate;
  to: PartialDate;
  provenance?: Provenance;
}

/** A Chairperson-in-Office of the Chairpersonship, from a date (to a date, when known). */
export interface ChairpersonInOfficeAppointed {
  chairpersonshipId: string;
  name: string;
  role: string | null;
  from: PartialDate;
  to: PartialDate | null;
  /** The source gives no dates: the Chairpersonship's period stands in for them. */
  datesFromPeriod: boolean;
  provenance?: Provenance;
}

export const CHAIRPERSONSHIP_ASSUMED = 'ChairpersonshipAssumed';
export const CHAIRPERSON_IN_OFFICE_APPOINTED = 'ChairpersonInOfficeAppointed';

export type ChairpersonshipFact =
  | { type: typeof CHAIRPERSONSHIP_ASSUMED; data: ChairpersonshipAssumed }
  | { type: typeof CHAIRPERSON_IN_OFFICE_APPOINTED; data: ChairpersonInOfficeAppointed };

export function chairpersonshipFactOf(event: {
  type: string;
  data: unknown;
}): ChairpersonshipFact | undefined {
  return event.type === CHAIRPERSONSHIP_ASSUMED || event.type === CHAIRPERSON_IN_OFFICE_APPOINTED
    ? (event as ChairpersonshipFact)
    : undefined;
}

export const CHAIRPERSONSHIP_STREAM_PREFIX = 'chairpersonship-';
export const streamOfChairpersonship = (id: string): string =>
  `${CHAIRPERSONSHIP_STREAM_PREFIX}${id}`;
