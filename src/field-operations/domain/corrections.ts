import {
  FACT_CORRECTED,
  type FactCorrected,
  type FieldOperationFact,
  factOf,
  type StoredEvent,
} from './events';

export function isCorrection(event: { type: string }): boolean {
  return event.type === FACT_CORRECTED;
}

/**
 * The changes recorded against each event id, merged in log order: a later correction of the same
 * field wins, other fields keep what earlier corrections said.
 */
export function correctionsOf(events: Iterable<StoredEvent>): Map<string, Record<string, unknown>> {
  const patches = new Map<string, Record<string, unknown>>();
  for (const event of events) {
    if (!isCorrection(event)) continue;
    const { corrects, changes } = event.data as FactCorrected;
    patches.set(corrects, { ...patches.get(corrects), ...changes });
  }
  return patches;
}

/** A stored fact as it stands after its corrections, or undefined if the event is not a fact. */
export function correctedFact(
  event: StoredEvent,
  patches: ReadonlyMap<string, Record<string, unknown>>,
): FieldOperationFact | undefined {
  const patch = event.id === undefined ? undefined : patches.get(event.id);
  const data = patch ? { ...(event.data as object), ...patch } : event.data;
  return factOf(event.type, data);
}
