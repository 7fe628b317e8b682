import { registerDecorator, type ValidationOptions } from 'class-validator';

/** A check of one string format, and what a value must be to pass it. */
export interface FormatCheck {
  readonly test: (value: unknown) => boolean;
  /** Completes "<property> must be ...". */
  readonly expectation: string;
}

const checks = new Map<string, FormatCheck>();

/**
 * The check behind a constraint of ours, so that a failed `{ each: true }` rule, which
 * class-validator reports once for the whole array, can be pointed at each element that fails.
 */
export function formatCheckOf(constraint: string): FormatCheck | undefined {
  return checks.get(constraint);
}

/** Builds a property decorator (`@IsSlug()` and the like) from a format check. */
export function formatValidator(
  name: string,
  check: FormatCheck,
): (options?: ValidationOptions) => PropertyDecorator {
  checks.set(name, check);
  return (options) => (target, propertyName) => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => check.test(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be ${options?.each ? 'a list, each element ' : ''}${check.expectation}`,
      },
    });
  };
}
