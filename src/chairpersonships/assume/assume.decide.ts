import { type ProvenanceInput, withProvenance } from '../../field-operations/domain/provenance';
import type { ParticipatingState } from '../../participating-states/domain/participating-state';
import { DomainError } from '../../shared/domain/domain-error';
import { endsBefore, type PartialDate } from '../../shared/domain/partial-date';
import type { ChairpersonshipState } from '../domain/chairpersonship';
import { CHAIRPERSONSHIP_ASSUMED, type ChairpersonshipAssumed } from '../domain/events';

/** A participating State takes the Chair (`id` as in the data set: `<state>-<year>`). */
export interface AssumeChairpersonship {
  id: string;
  state: string;
  year?: number | null;
  from: PartialDate;
  to: PartialDate;
  provenance?: ProvenanceInput | null;
}

const refuse = (code: string, message: string, pointer: string): never => {
  throw new DomainError(code, 422, message, pointer);
};

/**
 * `chair` is the chairing State as registered (undefined if not). The period must not end before
 * it starts, and the State must have participated during it.
 */
export function decideAssume(
  command: AssumeChairpersonship,
  state: ChairpersonshipState,
  chair: ParticipatingState,
): Array<{ type: typeof CHAIRPERSONSHIP_ASSUMED; data: ChairpersonshipAssumed }> {
  if (state) {
    throw new DomainError(
      'already-assumed',
      409,
      `Chairpersonship "${command.id}" is already recorded`,
      '/id',
    );
  }
  const { from, to, year } = command;
  if (endsBefore(to, from)) refuse('ends-before-start', `${to} is before ${from}`, '/to');
  if (year != null && (year < Number(from.slice(0, 4)) || year > Number(to.slice(0, 4)))) {
    refuse('year-outside-period', `Year ${year} is outside ${from} – ${to}`, '/year');
  }
  if (!chair) {
    return refuse(
      'unknown-state',
      `Participating State "${command.state}" is not registered`,
      '/state',
    );
  }
  if (endsBefore(to, chair.admittedOn)) {
    refuse(
      'state-not-yet-participating',
      `"${command.state}" participates only from ${chair.admittedOn}`,
      '/from',
    );
  }
  if (chair.dissolution && endsBefore(chair.dissolution.dissolvedOn, from)) {
    refuse(
      'state-dissolved',
      `"${command.state}" was dissolved on ${chair.dissolution.dissolvedOn}`,
      '/state',
    );
  }
  return [
    {
      type: CHAIRPERSONSHIP_ASSUMED,
      data: {
        chairpersonshipId: command.id,
        state: command.state,
        year: year ?? null,
        from,
        to,
        ...withProvenance(command.provenance),
      },
    },
  ];
}
