import { DomainError } from '../../shared/domain/domain-error';
import { duplicateIn } from './invariants';

/** What a decision may check beyond its own stream; the handler answers from the event store. */
export interface References {
  hasState(id: string): boolean;
  hasDecision(reference: string): boolean;
  hasOperation(id: string): boolean;
}

export function requireDecision(
  refs: Pick<References, 'hasDecision'>,
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
  requireDistinct(ids, field, (id) => `Field operation "${id}" is named twice`);
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
  requireDistinct(ids, field, (id) => `Participating State "${id}" is named twice`);
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

/** A list of links names each id once (`[x, x]` would record the same link twice). */
function requireDistinct(
  ids: readonly string[],
  field: string,
  message: (id: string) => string,
): void {
  const twice = duplicateIn(ids);
  if (twice !== undefined) {
    throw new DomainError('duplicate-reference', 422, message(ids[twice]), `/${field}/${twice}`);
  }
}
