import type { PartialDate } from '../../shared/domain/partial-date';
import { type FieldOperationEvent, type NoteCategory, typeOf } from '../domain/events';
import { requireOpen } from '../domain/guards';
import { type ProvenanceInput, withProvenance } from '../domain/provenance';
import { type References, requireDecision } from '../domain/references';
import { currentName, type FieldOperationState } from '../domain/state';

export interface RecordNote {
  operationId: string;
  /** The day, month or year the note is about; undated notes are allowed. */
  on?: PartialDate | null;
  category?: NoteCategory | null;
  text: string;
  decision?: string | null;
  provenance: ProvenanceInput;
}

/**
 * A dated remark that changes nothing in force (a deployment, a downsizing, a closure process),
 * recorded with where it comes from so that the history shows it. Like every other fact, not on
 * a closed operation; it may be dated before the establishment (preparations, host agreements).
 */
export function decideRecordNote(
  command: RecordNote,
  state: FieldOperationState,
  refs: References,
): FieldOperationEvent[] {
  const operation = requireOpen(state, command.operationId);
  requireDecision(refs, command.decision);
  return [
    {
      type: typeOf('note-recorded', currentName(operation).kind),
      data: {
        operationId: command.operationId,
        on: command.on ?? null,
        category: command.category ?? null,
        text: command.text,
        decision: command.decision ?? null,
        ...withProvenance(command.provenance),
      },
    },
  ];
}
