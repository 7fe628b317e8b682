import { type ProvenanceInput, withProvenance } from '../../field-operations/domain/provenance';
import { DomainError } from '../../shared/domain/domain-error';
import { endsBefore, type PartialDate } from '../../shared/domain/partial-date';
import { PARTICIPATION_CONTINUED, type ParticipationContinued } from '../domain/events';
import {
  requireNotBeforeStart,
  requireRegistered,
  requireUnregistered,
  type StateLookup,
} from '../domain/guards';
import type { ParticipatingState } from '../domain/participating-state';

/** A new State that continues another's participation (the Russian Federation, the USSR's). */
export interface ContinueParticipation {
  id: string;
  name: string;
  continuedOn: PartialDate;
  continues: string;
  provenance?: ProvenanceInput | null;
}

export function decideContinue(
  command: ContinueParticipation,
  state: ParticipatingState,
  lookup: StateLookup,
): Array<{ type: typeof PARTICIPATION_CONTINUED; data: ParticipationContinued }> {
  requireUnregistered(state, command.id);
  if (command.continues === command.id) {
    throw new DomainError(
      'self-reference',
      422,
      'A State cannot continue its own participation',
      '/continues',
    );
  }
  const continued = requireRegistered(lookup, command.continues, '/continues');
  requireNotBeforeStart(continued, command.continuedOn, '/continuedOn');
  const dissolution = continued.dissolution;
  if (dissolution?.continuedBy && dissolution.continuedBy !== command.id) {
    throw new DomainError(
      'continued-by-another',
      409,
      `"${command.continues}" is recorded as continued by "${dissolution.continuedBy}"`,
      '/continues',
    );
  }
  if (dissolution && endsBefore(dissolution.dissolvedOn, command.continuedOn)) {
    throw new DomainError(
      'continued-after-dissolution',
      422,
      `"${command.continues}" was dissolved on ${dissolution.dissolvedOn}, before ${command.continuedOn}: nothing was left to continue`,
      '/continuedOn',
    );
  }
  return [
    {
      type: PARTICIPATION_CONTINUED,
      data: {
        stateId: command.id,
        name: command.name,
        continuedOn: command.continuedOn,
        continues: command.continues,
        ...withProvenance(command.provenance),
      },
    },
  ];
}
