import { requireUntilNotBefore } from '../domain/guards';
import { DomainError } from '../../shared/domain/domain-error';
import type { PartialDate } from '../../shared/domain/partial-date';
import { type FieldOperationEvent, typeOf } from '../domain/events';
import type { Kind } from '../domain/kinds';
import {
  type References,
  requireDecision,
  requireOperations,
  requireStates,
} from '../domain/references';
import type { FieldOperationState } from '../domain/state';
import { type ProvenanceInput, withProvenance } from '../domain/provenance';

export interface EstablishFieldOperation {
  id: string;
  name: string;
  kind: Kind;
  hostStates: string[];
  seat?: string | null;
  establishedOn: PartialDate;
  decision?: string | null;
  sourceUrl?: string | null;
  mandate?: { summary: string; until?: PartialDate | null } | null;
  predecessors?: string[];
  provenance?: ProvenanceInput | null;
}

export function decideEstablish(
  command: EstablishFieldOperation,
  state: FieldOperationState,
  refs: References,
): FieldOperationEvent[] {
  if (state) {
    throw new DomainError(
      'already-established',
      409,
      `Field operation "${command.id}" is already established`,
      '/id',
    );
  }
  requireStates(refs, command.hostStates);
  requireDecision(refs, command.decision);
  const predecessors = command.predecessors ?? [];
  requireOperations(refs, predecessors, 'predecessors', command.id);
  const decision = command.decision ?? null;
  const sourced = withProvenance(command.provenance);
  const events: FieldOperationEvent[] = [
    {
      type: typeOf('established', command.kind),
      data: {
        operationId: command.id,
        name: command.name,
        kind: command.kind,
        hostStates: command.hostStates,
        seat: command.seat ?? null,
        establishedOn: command.establishedOn,
        decision,
        sourceUrl: command.sourceUrl ?? null,
        predecessors,
        ...sourced,
      },
    },
  ];
  if (command.mandate) {
    const until = command.mandate.until ?? null;
    requireUntilNotBefore(until, command.establishedOn, '/mandate/until');
    events.push({
      type: typeOf('mandate-agreed', command.kind),
      data: {
        operationId: command.id,
        decision,
        effectiveFrom: command.establishedOn,
        summary: command.mandate.summary,
        until,
        ...sourced,
      },
    });
  }
  return events;
}
