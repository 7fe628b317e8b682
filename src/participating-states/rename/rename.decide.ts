import { type ProvenanceInput, withProvenance } from '../../field-operations/domain/provenance';
import { DomainError } from '../../shared/domain/domain-error';
import { firstDay, type PartialDate } from '../../shared/domain/partial-date';
import { STATE_RENAMED, type StateRenamed } from '../domain/events';
import { requireActiveState, requireNotBeforeStart } from '../domain/guards';
import { nameInForce, type ParticipatingState } from '../domain/participating-state';

export interface RenameState {
  id: string;
  name: string;
  effectiveOn: PartialDate;
  provenance?: ProvenanceInput | null;
}

export function decideRename(
  command: RenameState,
  state: ParticipatingState,
): Array<{ type: typeof STATE_RENAMED; data: StateRenamed }> {
  const current = requireActiveState(state, command.id);
  requireNotBeforeStart(current, command.effectiveOn, '/effectiveOn');
  const inForce = nameInForce(current.names, firstDay(command.effectiveOn));
  if (inForce.name === command.name) {
    throw new DomainError(
      'already-named',
      409,
      `Participating State "${command.id}" is already named "${command.name}" on ${command.effectiveOn} (since ${inForce.from})`,
      '/name',
    );
  }
  return [
    {
      type: STATE_RENAMED,
      data: {
        stateId: command.id,
        name: command.name,
        effectiveOn: command.effectiveOn,
        ...withProvenance(command.provenance),
      },
    },
  ];
}
