import { DomainError } from '../../shared/domain/domain-error';
import { endsBefore, type PartialDate } from '../../shared/domain/partial-date';
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

/** A dated change (a seat, host States, a note) may not take effect before the establishment. */
export function requireNotBeforeEstablishment(
  operation: FieldOperation,
  date: PartialDate | null | undefined,
  what: string,
  pointer: string,
): void {
  if (date && endsBefore(date, operation.establishedOn)) {
    throw new DomainError(
      `${what}-before-establishment`,
      422,
      `${what.replace(/-/g, ' ')} on ${date} is before establishment on ${operation.establishedOn}`.replace(
        /^./,
        (c) => c.toUpperCase(),
      ),
      pointer,
    );
  }
}

/** A mandate may not end before it starts (only a certain overlap-free end is refused). */
export function requireUntilNotBefore(
  until: PartialDate | null | undefined,
  start: PartialDate,
  pointer: string,
): void {
  if (until && endsBefore(until, start)) {
    throw new DomainError(
      'mandate-ends-before-start',
      422,
      `Mandate until ${until} is before its start ${start}`,
      pointer,
    );
  }
}
