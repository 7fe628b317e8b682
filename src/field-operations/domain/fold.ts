import { correctedFact, correctionsOf } from './corrections';
import type { StoredEvent } from './events';
import { evolve, type FieldOperationState } from './state';

/**
 * Folds stored events of one stream into state, each fact as its corrections left it (corrections
 * are collected first, by the id of the event they correct); types that are not facts are ignored.
 */
export function fold(events: Iterable<StoredEvent>): FieldOperationState {
  const stream = [...events];
  const patches = correctionsOf(stream);
  let state: FieldOperationState;
  for (const event of stream) {
    const fact = correctedFact(event, patches);
    if (fact) state = evolve(state, fact);
  }
  return state;
}
