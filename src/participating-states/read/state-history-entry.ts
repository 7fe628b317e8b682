import type { PartialDate } from '../../shared/domain/partial-date';
import {
  PARTICIPATION_CONTINUED,
  STATE_ADMITTED,
  STATE_DISSOLVED,
  STATE_READMITTED,
  STATE_RENAMED,
  STATE_SUSPENDED,
  type StateFact,
} from '../domain/events';
import type { ParticipatingState } from '../domain/participating-state';

export interface StateHistoryEntry {
  summary: string;
  effectiveOn: PartialDate | null;
}

/** The one-line summary of a State's fact; `before` is the State as it stood before it. */
export function stateHistoryEntryOf(
  fact: StateFact,
  before: ParticipatingState,
): StateHistoryEntry {
  const name = before?.name ?? fact.data.stateId;
  switch (fact.type) {
    case STATE_ADMITTED:
      return {
        summary: `Participating State admitted: ${fact.data.name}`,
        effectiveOn: fact.data.admittedOn,
      };
    case PARTICIPATION_CONTINUED:
      return {
        summary: `Participation of ${fact.data.continues} continued by: ${fact.data.name}`,
        effectiveOn: fact.data.continuedOn,
      };
    case STATE_SUSPENDED:
      return { summary: `Participation suspended: ${name}`, effectiveOn: fact.data.suspendedOn };
    case STATE_READMITTED:
      return { summary: `Readmitted: ${name}`, effectiveOn: fact.data.readmittedOn };
    case STATE_RENAMED:
      return {
        summary: `Renamed: ${name} -> ${fact.data.name}`,
        effectiveOn: fact.data.effectiveOn,
      };
    case STATE_DISSOLVED: {
      const { successors, continuedBy, dissolvedOn } = fact.data;
      const heirs = successors.length > 0 ? ` (successors: ${successors.join(', ')})` : '';
      const heir = continuedBy ? `; continued by ${continuedBy}` : '';
      return { summary: `Dissolved: ${name}${heirs}${heir}`, effectiveOn: dissolvedOn };
    }
  }
}
