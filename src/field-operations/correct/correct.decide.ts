import { DomainError } from '../../shared/domain/domain-error';
import { correctedFact, correctionsOf, isCorrection } from '../domain/corrections';
import {
  FACT_CORRECTED,
  type FieldOperationEvent,
  type FieldOperationFact,
  type StoredEvent,
} from '../domain/events';
import { fold } from '../domain/fold';
import { type Violation, violationsOf } from '../domain/invariants';
import {
  type References,
  requireDecision,
  requireOperations,
  requireStates,
} from '../domain/references';
import { invalidValue, VALUE_RULES } from './correction-values';

export interface CorrectFact {
  operationId: string;
  /** Id of the event whose fact is corrected. */
  corrects: string;
  changes: Record<string, unknown>;
  reason: string;
}

const refuse = (code: string, message: string, pointer: string): DomainError =>
  new DomainError(code, 422, message, pointer);

/**
 * Records `FactCorrected` superseding fields of an earlier fact of this stream. Allowed on closed
 * operations. A correction itself is not corrected: a later correction of the original fact
 * supersedes it (the last one of a field wins).
 */
export function decideCorrection(
  command: CorrectFact,
  history: readonly StoredEvent[],
  refs: References,
): FieldOperationEvent[] {
  if (!fold(history)) {
    throw new DomainError(
      'unknown-operation',
      404,
      `Field operation "${command.operationId}" does not exist`,
    );
  }
  const target = history.find((event) => event.id === command.corrects);
  if (!target) {
    const message = `Event ${command.corrects} is not recorded on field operation "${command.operationId}"`;
    throw refuse('unknown-event', message, '/corrects');
  }
  if (isCorrection(target)) {
    const message = `Event ${command.corrects} is a correction; correct the original fact instead`;
    throw refuse('correction-not-correctable', message, '/corrects');
  }
  const fact = correctedFact(target, correctionsOf(history));
  if (!fact) throw refuse('not-a-fact', `Event ${command.corrects} is not a fact`, '/corrects');
  if (!command.reason?.trim())
    throw refuse('reason-required', 'A correction needs a reason', '/reason');
  checkChanges(command, fact, target.type, refs);
  const event: FieldOperationEvent = {
    type: FACT_CORRECTED,
    data: {
      operationId: command.operationId,
      corrects: command.corrects,
      correctedType: target.type,
      changes: command.changes,
      reason: command.reason,
    },
  };
  const violation = addedBreach(
    violationsOf(fold(history)!),
    violationsOf(fold([...history, event])!),
  );
  if (violation) {
    const field = Object.keys(command.changes).find((key) => violation.fields.includes(key));
    throw refuse(violation.code, violation.message, field ? `/changes/${field}` : '/changes');
  }
  return [event];
}

function checkChanges(
  { operationId, changes }: CorrectFact,
  fact: FieldOperationFact,
  type: string,
  refs: References,
): void {
  const fields = Object.keys(changes);
  if (fields.length === 0)
    throw refuse('no-changes', 'Name at least one field to correct', '/changes');
  const correctable = Object.keys(VALUE_RULES[fact.fact]);
  for (const field of fields) {
    if (!correctable.includes(field)) {
      const message = `${field} of ${type} cannot be corrected (correctable: ${correctable.join(', ')})`;
      throw refuse('field-not-correctable', message, `/changes/${field}`);
    }
    const expected = invalidValue(fact.fact, field, changes[field]);
    if (expected) {
      throw refuse(
        'validation-failed',
        `changes.${field} must be ${expected}`,
        `/changes/${field}`,
      );
    }
  }
  const current = fact.data as unknown as Record<string, unknown>;
  if (fields.every((field) => JSON.stringify(current[field]) === JSON.stringify(changes[field]))) {
    throw refuse('nothing-to-correct', `${type} already says so`, '/changes');
  }
  if (typeof changes.decision === 'string') {
    requireDecision(refs, changes.decision, '/changes/decision');
  }
  if (Array.isArray(changes.hostStates)) {
    requireStates(refs, changes.hostStates as string[], 'changes/hostStates');
  }
  if (Array.isArray(changes.successors)) {
    requireOperations(refs, changes.successors as string[], 'changes/successors', operationId);
  }
}

/**
 * The breach a correction adds, if any. A record may already break a rule added since it was
 * written; it must still take the corrections that mend it or leave it as it was (a misspelt name
 * fixed), so a correction is refused only when some rule is broken by more facts after it than
 * before. Breaches are counted, not compared by message: a message names the fact's values, which
 * a harmless correction changes, and a rule broken twice before and once after has been mended.
 * The one reported is one the record did not show before, where it can tell.
 */
function addedBreach(before: Violation[], after: Violation[]): Violation | undefined {
  const count = (violations: Violation[], code: string): number =>
    violations.filter((v) => v.code === code).length;
  const worse = after.find((v) => count(after, v.code) > count(before, v.code));
  if (!worse) return undefined;
  const shown = new Set(before.map((v) => v.message));
  return after.find((v) => v.code === worse.code && !shown.has(v.message)) ?? worse;
}
