import { factOf } from './events';
import { evolve, type FieldOperationState } from './state';

/** Folds stored events of one stream into state; types that are not facts are ignored. */
export function fold(events: Iterable<{ type: string; data: unknown }>): FieldOperationState {
  let state: FieldOperationState;
  for (const event of events) {
    const fact = factOf(event.type, event.data);
    if (fact) state = evolve(state, fact);
  }
  return state;
}
