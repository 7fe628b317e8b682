import {
  DECISION_STREAM_PREFIX,
  type Decision,
  type DecisionRecorded,
  evolveDecision,
} from '../../decisions/domain/decision';
import type { EventStore, RecordedEvent } from '../../event-store/event-store.port';
import {
  FIELD_OPERATION_STREAM_PREFIX,
  type StoredEvent,
} from '../../field-operations/domain/events';
import { fold } from '../../field-operations/domain/fold';
import type { FieldOperation } from '../../field-operations/domain/state';
import { type FieldOperationView, viewOn } from '../../field-operations/domain/view';
import {
  evolveState,
  PARTICIPATING_STATE_STREAM_PREFIX,
  type ParticipatingState,
  type ParticipatingStateRecord,
} from '../../participating-states/domain/participating-state';
import { recordedAtOf, recordedMsOf } from '../../projections/recorded-metadata';

/** How far back: the events up to a global position, or those recorded by an instant. */
export type ReplayUntil = { readonly position: bigint } | { readonly instant: Date };

export interface ReplayedRegistry {
  readonly until: { position: string } | { instant: string };
  /** Valid-time day the field operations are viewed on. */
  readonly asOf: string;
  /** The events folded: how many, and the last one's position and recorded-at. */
  readonly events: { count: number; lastPosition: string | null; lastRecordedAt: string | null };
  readonly fieldOperations: FieldOperationView[];
  readonly decisions: DecisionRecorded[];
  readonly participatingStates: ParticipatingStateRecord[];
}

/**
 * The registry as it was known then: folds every event at or before `until` through the same
 * domain folds the command side uses (the store is the upcasting one, so older schema versions
 * arrive upgraded), and views each field operation on `asOf`.
 */
export async function replayRegistry(
  store: EventStore,
  until: ReplayUntil,
  asOf: string,
): Promise<ReplayedRegistry> {
  const operations = new Map<string, StoredEvent[]>();
  const decisions = new Map<string, Decision>();
  const states = new Map<string, ParticipatingState>();
  let count = 0;
  let last: RecordedEvent | undefined;
  for await (const event of store.readAll()) {
    if ('position' in until) {
      if (event.position > until.position) break;
    } else if (recordedMsOf(event) > until.instant.getTime()) continue;
    count++;
    last = event;
    if (event.stream.startsWith(FIELD_OPERATION_STREAM_PREFIX)) {
      const stream = operations.get(event.stream) ?? [];
      stream.push({ id: event.id, type: event.type, data: event.data });
      operations.set(event.stream, stream);
    } else if (event.stream.startsWith(DECISION_STREAM_PREFIX)) {
      decisions.set(event.stream, evolveDecision(decisions.get(event.stream), event));
    } else if (event.stream.startsWith(PARTICIPATING_STATE_STREAM_PREFIX)) {
      states.set(event.stream, evolveState(states.get(event.stream), event));
    }
  }
  const folded = [...operations.values()]
    .map((events) => fold(events))
    .filter((o): o is FieldOperation => o !== undefined);
  return {
    until:
      'position' in until
        ? { position: String(until.position) }
        : { instant: until.instant.toISOString() },
    asOf,
    events: {
      count,
      lastPosition: last ? String(last.position) : null,
      lastRecordedAt: last ? recordedAtOf(last) : null,
    },
    fieldOperations: withLinksFromBothSides(folded)
      .map((operation) => viewOn(operation, asOf))
      .sort((a, b) => a.id.localeCompare(b.id)),
    decisions: defined(decisions).sort(
      (a, b) => a.adoptedOn.localeCompare(b.adoptedOn) || a.decisionId.localeCompare(b.decisionId),
    ),
    participatingStates: defined(states).sort((a, b) => a.stateId.localeCompare(b.stateId)),
  };
}

/**
 * A succession is recorded by either side (the successor's predecessors, the predecessor's closure
 * successors); the read model shows it on both, and so does the replay.
 */
function withLinksFromBothSides(operations: FieldOperation[]): FieldOperation[] {
  const links = operations.flatMap((o) => [
    ...o.predecessors.map((p) => ({ predecessor: p, successor: o.id })),
    ...o.successors.map((s) => ({ predecessor: o.id, successor: s })),
  ]);
  const unique = (ids: string[]): string[] => [...new Set(ids)];
  return operations.map((o) => ({
    ...o,
    predecessors: unique([
      ...o.predecessors,
      ...links.filter((l) => l.successor === o.id).map((l) => l.predecessor),
    ]),
    successors: unique([
      ...o.successors,
      ...links.filter((l) => l.predecessor === o.id).map((l) => l.successor),
    ]),
  }));
}

function defined<T>(map: Map<string, T | undefined>): T[] {
  return [...map.values()].filter((v): v is T => v !== undefined);
}
