import { DomainError } from '../../shared/domain/domain-error';
import type { FieldOperation, FieldOperationState } from './state';

/** Every change but establishment needs an operation that exists and is not closed. */
export function requireOpen(state: FieldOperationState, id: string): FieldOperation {
  if (!state)
    throw new DomainError('unknown-operation', 404, `Field operation "${id}" does not exist`);
  if (state.closure) {
    throw new DomainError(
      'operation-closed',
      409,
      `Field operation "${id}" was closed on ${state.closure.closedOn}; only corrections may be recorded`,
    );
  }
  return state;
}
