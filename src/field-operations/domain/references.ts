import { DomainError } from '../../shared/domain/domain-error';

/** What a decision may check beyond its own stream; the handler answers from the event store. */
export interface References {
  hasState(id: string): boolean;
  hasDecision(reference: string): boolean;
  hasOperation(id: string): boolean;
}

export function requireDecision(
  refs: References,
  decision: string | null | undefined,
  pointer = '/decision',
): void {
  if (decision && !refs.hasDecision(decision)) {
    throw new DomainError(
      'unknown-decision',
      422,
      `Decision ${decision} is not registered`,
      pointer,
    );
  }
}

export function requireOperations(
  refs: References,
  ids: readonly string[],
  field: string,
  self?: string,
): void {
  ids.forEach((id, i) => {
    if (id === self) {
      throw new DomainError(
        'self-reference',
        422,
        `A field operation cannot be its own ${field.endsWith('successors') ? 'successor' : 'predecessor'}`,
        `/${field}/${i}`,
      );
    }
    if (!refs.hasOperation(id)) {
      throw new DomainError(
        'unknown-operation',
        422,
        `Field operation "${id}" does not exist`,
        `/${field}/${i}`,
      );
    }
  });
}

export function requireStates(
  refs: References,
  ids: readonly string[],
  field = 'hostStates',
): void {
  ids.forEach((id, i) => {
    if (!refs.hasState(id)) {
      throw new DomainError(
        'unknown-state',
        422,
        `Participating State "${id}" is not registered`,
        `/${field}/${i}`,
      );
    }
  });
}
