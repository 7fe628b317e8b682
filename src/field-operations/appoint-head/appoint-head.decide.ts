import type { PartialDate } from '../../shared/domain/partial-date';
import { type FieldOperationEvent, typeOf } from '../domain/events';
import { requireOpen } from '../domain/guards';
import { currentName, type FieldOperationState } from '../domain/state';
import { type ProvenanceInput, withProvenance } from '../domain/provenance';

export interface AppointHead {
  operationId: string;
  name: string;
  from: PartialDate;
  provenance?: ProvenanceInput | null;
}

export function decideAppointHead(
  command: AppointHead,
  state: FieldOperationState,
): FieldOperationEvent[] {
  const operation = requireOpen(state, command.operationId);
  return [
    {
      type: typeOf('head-appointed', currentName(operation).kind),
      data: {
        operationId: command.operationId,
        name: command.name,
        from: command.from,
        ...withProvenance(command.provenance),
      },
    },
  ];
}
