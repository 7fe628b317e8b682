import { DomainError } from '../../shared/domain/domain-error';
import { endsBefore, type PartialDate } from '../../shared/domain/partial-date';
import { type FieldOperationEvent, typeOf } from '../domain/events';
import { requireOpen } from '../domain/guards';
import type { Kind } from '../domain/kinds';
import { type References, requireDecision } from '../domain/references';
import { currentName, type FieldOperationState } from '../domain/state';
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
  return [
    {
      type: typeOf('renamed', kind),
      data: {
        operationId: command.operationId,
        name: command.name,
        kind,
        effectiveOn: command.effectiveOn,
        decision: command.decision ?? null,
        ...withProvenance(command.provenance),
      },
    },
  ];
}
