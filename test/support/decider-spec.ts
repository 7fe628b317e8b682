import { DomainError } from '../../src/shared/domain/domain-error';
import type { FieldOperationEvent, StoredEvent } from '../../src/field-operations/domain/events';
import { fold } from '../../src/field-operations/domain/fold';
import type { References } from '../../src/field-operations/domain/references';
import type { FieldOperationState } from '../../src/field-operations/domain/state';

/**
 * Given/When/Then for field-operation deciders: given past events (with ids where a correction
 * names them), when a command, then events or an error. `decide` gets the folded state and the
 * events themselves.
 */
export function given(...history: StoredEvent[]) {
  const state = fold(history);
  return {
    when(decide: (state: FieldOperationState, history: StoredEvent[]) => FieldOperationEvent[]) {
      const run = (): FieldOperationEvent[] => decide(state, history);
      return {
        then(expected: FieldOperationEvent[]): void {
          expect(run()).toEqual(expected);
        },
        thenRefuses(code: string, status: number, pointer?: string): void {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(DomainError);
          expect(error).toMatchObject({ code, status, ...(pointer ? { pointer } : {}) });
        },
      };
    },
  };
}

/** References in which everything named exists. */
export function knownRefs(
  known: { states?: string[]; decisions?: string[]; operations?: string[] } = {},
): References {
  return {
    hasState: (id) => (known.states ?? []).includes(id),
    hasDecision: (ref) => (known.decisions ?? []).includes(ref),
    hasOperation: (id) => (known.operations ?? []).includes(id),
  };
}
