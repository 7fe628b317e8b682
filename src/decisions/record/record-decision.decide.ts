import { DomainError } from '../../shared/domain/domain-error';
import type { PartialDate } from '../../shared/domain/partial-date';
import {
  decideAgreeMandate,
  type AgreeMandate,
} from '../../field-operations/agree-mandate/agree-mandate.decide';
import {
  decideAppointHead,
  type AppointHead,
} from '../../field-operations/appoint-head/appoint-head.decide';
import {
  decideChangeHostStates,
  type ChangeHostStates,
} from '../../field-operations/change-host-states/change-host-states.decide';
import {
  decideChangeSeat,
  type ChangeSeat,
} from '../../field-operations/change-seat/change-seat.decide';
import { decideClose, type CloseFieldOperation } from '../../field-operations/close/close.decide';
import {
  decideEstablish,
  type EstablishFieldOperation,
} from '../../field-operations/establish/establish.decide';
import {
  decideExtendMandate,
  type ExtendMandate,
} from '../../field-operations/extend-mandate/extend-mandate.decide';
import {
  decideRecordNote,
  type RecordNote,
} from '../../field-operations/record-note/record-note.decide';
import {
  decideRename,
  type RenameFieldOperation,
} from '../../field-operations/rename/rename.decide';
import {
  factOf,
  type FieldOperationEvent,
  streamOfOperation,
} from '../../field-operations/domain/events';
import type { References } from '../../field-operations/domain/references';
import { evolve, type FieldOperationState } from '../../field-operations/domain/state';
import {
  type Decision,
  DECISION_RECORDED,
  type DecisionBody,
  type DecisionRecorded,
  decisionIdOf,
  streamOfDecision,
} from '../domain/decision';

type Cited<T> = Omit<T, 'operationId' | 'decision'> & { operation: string };

/** One change a decision makes; each cites the decision it belongs to. */
export type Effect =
  | ({ action: 'establish' } & Omit<EstablishFieldOperation, 'decision'>)
  | ({ action: 'agree-mandate' } & Cited<AgreeMandate>)
  | ({ action: 'extend-mandate' } & Cited<ExtendMandate>)
  | ({ action: 'rename' } & Cited<RenameFieldOperation>)
  | ({ action: 'appoint-head' } & Cited<AppointHead>)
  | ({ action: 'change-seat' } & Cited<ChangeSeat>)
  | ({ action: 'change-host-states' } & Cited<ChangeHostStates>)
  | ({ action: 'note' } & Cited<RecordNote>)
  | ({ action: 'close' } & Cited<CloseFieldOperation>);

export interface RecordDecision {
  reference: string;
  body: DecisionBody;
  adoptedOn: PartialDate;
  title?: string | null;
  sourceUrl?: string | null;
  effects?: Effect[];
}

export interface StreamChange {
  stream: string;
  events: Array<{ type: string; data: unknown }>;
}

export const targetOf = (effect: Effect): string =>
  effect.action === 'establish' ? effect.id : effect.operation;

/**
 * A decision and all its effects, decided together: the result is every stream's new events, to be
 * appended atomically. Operations established by an earlier or later effect count as existing.
 */
export function decideRecordDecision(
  command: RecordDecision,
  decision: Decision,
  operations: ReadonlyMap<string, FieldOperationState>,
  refs: References,
): StreamChange[] {
  if (decision) {
    throw new DomainError(
      'decision-already-recorded',
      409,
      `Decision ${command.reference} is already recorded`,
      '/reference',
    );
  }
  const effects = command.effects ?? [];
  const created = new Set(effects.flatMap((e) => (e.action === 'establish' ? [e.id] : [])));
  const withDecision: References = {
    hasState: (id) => refs.hasState(id),
    hasDecision: (ref) => ref === command.reference || refs.hasDecision(ref),
    hasOperation: (id) => created.has(id) || refs.hasOperation(id),
  };
  requireNoMutualSuccession(effects);
  const states = new Map(operations);
  const changes = new Map<string, StreamChange['events']>();
  effects.forEach((effect, i) => {
    const target = targetOf(effect);
    let events: FieldOperationEvent[];
    try {
      events = decideEffect(effect, command.reference, states.get(target), withDecision);
    } catch (error) {
      throw error instanceof DomainError ? error.within(`/effects/${i}`) : error;
    }
    states.set(
      target,
      events.reduce((s, e) => evolve(s, factOf(e.type, e.data)!), states.get(target)),
    );
    const stream = streamOfOperation(target);
    changes.set(stream, [...(changes.get(stream) ?? []), ...events]);
  });
  const recorded: DecisionRecorded = {
    decisionId: decisionIdOf(command.reference),
    reference: command.reference,
    body: command.body,
    adoptedOn: command.adoptedOn,
    title: command.title ?? null,
    sourceUrl: command.sourceUrl ?? null,
    effects: effects.map((e) => ({ action: e.action, operation: targetOf(e) })),
  };
  return [
    {
      stream: streamOfDecision(command.reference),
      events: [{ type: DECISION_RECORDED, data: recorded }],
    },
    ...[...changes].map(([stream, events]) => ({ stream, events })),
  ];
}

/**
 * Two operations may not each succeed the other: one effect establishing B after A (or closing A
 * for B) and another establishing A after B (or closing B for A). Pointed at the second link.
 */
function requireNoMutualSuccession(effects: readonly Effect[]): void {
  const links = new Set<string>();
  effects.forEach((effect, i) => {
    const named =
      effect.action === 'establish'
        ? (effect.predecessors ?? []).map((p, j) => [p, effect.id, `predecessors/${j}`] as const)
        : effect.action === 'close'
          ? (effect.successors ?? []).map(
              (s, j) => [effect.operation, s, `successors/${j}`] as const,
            )
          : [];
    for (const [before, after, field] of named) {
      if (links.has(JSON.stringify([after, before]))) {
        throw new DomainError(
          'succession-cycle',
          422,
          `"${before}" and "${after}" cannot each succeed the other`,
          `/effects/${i}/${field}`,
        );
      }
      links.add(JSON.stringify([before, after]));
    }
  });
}

function decideEffect(
  effect: Effect,
  decision: string,
  state: FieldOperationState,
  refs: References,
): FieldOperationEvent[] {
  switch (effect.action) {
    case 'establish': {
      const { action: _, ...command } = effect;
      return decideEstablish({ ...command, decision }, state, refs);
    }
    case 'agree-mandate':
      return decideAgreeMandate({ ...cited(effect), decision }, state, refs);
    case 'extend-mandate':
      return decideExtendMandate({ ...cited(effect), decision }, state, refs);
    case 'rename':
      return decideRename({ ...cited(effect), decision }, state, refs);
    case 'appoint-head':
      return decideAppointHead({ ...cited(effect), decision }, state, refs);
    case 'change-seat':
      return decideChangeSeat({ ...cited(effect), decision }, state, refs);
    case 'change-host-states':
      return decideChangeHostStates({ ...cited(effect), decision }, state, refs);
    case 'note':
      return decideRecordNote({ ...cited(effect), decision }, state, refs);
    case 'close':
      return decideClose({ ...cited(effect), decision }, state, refs);
    default:
      throw new DomainError('unknown-action', 422, 'Unknown effect action', '/action');
  }
}

function cited<T extends { action: string; operation: string }>(
  effect: T,
): Omit<T, 'action' | 'operation'> & { operationId: string } {
  const { action: _, operation, ...rest } = effect;
  return { ...rest, operationId: operation };
}
