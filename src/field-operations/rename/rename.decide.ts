import { DomainError } from '../../shared/domain/domain-error';
import { endsBefore, firstDay, lastDay, type PartialDate } from '../../shared/domain/partial-date';
import { type FieldOperationEvent, typeOf } from '../domain/events';
import { requireOpen } from '../domain/guards';
import type { Kind } from '../domain/kinds';
import { type References, requireDecision } from '../domain/references';
import { currentName, type FieldOperationState } from '../domain/state';
import { nameOn } from '../domain/view';
import { type ProvenanceInput, withProvenance } from '../domain/provenance';

export interface RenameFieldOperation {
  operationId: string;
  name: string;
  kind?: Kind | null;
  effectiveOn: PartialDate;
  decision?: string | null;
  provenance?: ProvenanceInput | null;
}

export function decideRename(
  command: RenameFieldOperation,
  state: FieldOperationState,
  refs: References,
): FieldOperationEvent[] {
  const operation = requireOpen(state, command.operationId);
  requireDecision(refs, command.decision);
  if (endsBefore(command.effectiveOn, operation.establishedOn)) {
    throw new DomainError(
      'renamed-before-establishment',
      422,
      `A renaming on ${command.effectiveOn} is before establishment on ${operation.establishedOn}`,
      '/effectiveOn',
    );
  }
  const kind = command.kind ?? currentName(operation).kind;
  // The name in force throughout the period `effectiveOn` may mean (a year, a month): only then
  // is the renaming certainly to the name already in force ('2000' may mean after a renaming of
  // 2000-06).
  const first = nameOn(operation, firstDay(command.effectiveOn));
  const inForce = first === nameOn(operation, lastDay(command.effectiveOn)) ? first : undefined;
  const decision = command.decision ?? null;
  // A decision that gives the name already shown still records a renaming: the registry may lack
  // the step in between (Astana -> Nur-Sultan -> Astana, PC.JOUR/1390, the first date unknown).
  if (
    inForce !== undefined &&
    inForce.name === command.name &&
    inForce.kind === kind &&
    (decision === null || decision === inForce.decision)
  ) {
    throw new DomainError(
      'already-named',
      409,
      `Field operation "${command.operationId}" is already named "${command.name}" (${kind}) on ${command.effectiveOn} (since ${inForce.from})`,
      '/name',
    );
  }
  return [
    {
      type: typeOf('renamed', kind),
      data: {
        operationId: command.operationId,
        name: command.name,
        kind,
        effectiveOn: command.effectiveOn,
        decision,
        ...withProvenance(command.provenance),
      },
    },
  ];
}
