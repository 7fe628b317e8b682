import type { ValidationError } from 'class-validator';
import type { ProblemFieldError } from '../problems/problem-details';
import { ProblemException } from '../problems/problem.exception';
import { formatCheckOf } from './format-validator';
import { jsonPointer } from './json-pointer';

/** Enough to fix a request; past this many, the rest of the failures are left out. */
export const MAX_REPORTED_FAILURES = 100;

/** A 422 problem with one `{pointer, detail}` per failed rule, however deep it lies. */
export function validationProblem(errors: readonly ValidationError[]): ProblemException {
  const failures = pointedFailures(errors).slice(0, MAX_REPORTED_FAILURES);
  const count = failures.length === 1 ? 'one error' : `${failures.length} errors`;
  return new ProblemException({
    status: 422,
    code: 'validation-failed',
    detail: `The request is not valid (${count}; see errors).`,
    errors: failures,
  });
}

/** Walks class-validator's error tree into flat failures with JSON pointers into the body. */
export function pointedFailures(
  errors: readonly ValidationError[],
  path: readonly string[] = [],
): ProblemFieldError[] {
  return errors.flatMap((error) => {
    const here = [...path, error.property];
    const own = Object.entries(error.constraints ?? {}).flatMap(([constraint, message]) =>
      failuresOf(constraint, message, error, here),
    );
    return [...own, ...pointedFailures(error.children ?? [], here)];
  });
}

function failuresOf(
  constraint: string,
  message: string,
  error: ValidationError,
  here: readonly string[],
): ProblemFieldError[] {
  if (constraint === 'whitelistValidation') {
    return [
      { pointer: jsonPointer(here), detail: `${error.property} is not a field of this request` },
    ];
  }
  const check = formatCheckOf(constraint);
  const value: unknown = error.value;
  if (check && Array.isArray(value)) {
    const failing = value.flatMap((element, index) => (check.test(element) ? [] : [index]));
    if (failing.length > 0) {
      return failing.map((index) => ({
        pointer: jsonPointer([...here, index]),
        detail: `${error.property}[${index}] must be ${check.expectation}`,
      }));
    }
  }
  return [{ pointer: jsonPointer(here), detail: message }];
}
