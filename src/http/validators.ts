import { Transform } from 'class-transformer';
import { isInstant } from '../shared/domain/instant';
import { isDay, isPartialDate, PARTIAL_DATE_EXPECTATION } from '../shared/domain/partial-date';
import { isSlug } from '../shared/domain/slug';
import { hasText } from '../shared/domain/text';
import { formatValidator } from './validation/format-validator';

/** A real date as precise as its source knows it: `1993`, `1992-09` or `1992-09-08`. */
export const IsPartialDate = formatValidator('isPartialDate', {
  test: isPartialDate,
  expectation: PARTIAL_DATE_EXPECTATION,
});

/** A real calendar day `YYYY-MM-DD` (as for `asOf`). */
export const IsDay = formatValidator('isDay', {
  test: isDay,
  expectation: 'a day: YYYY-MM-DD',
});

/** A stable id: lower-case kebab-case, at most 100 characters, e.g. `office-in-minsk`. */
export const IsSlug = formatValidator('isSlug', {
  test: isSlug,
  expectation:
    'a slug: lower-case letters and digits in words joined by single hyphens, at most 100 characters, e.g. office-in-minsk',
});

/** An ISO 8601 instant with a time zone, as for `knownAt`: `2003-01-01T00:00:00Z`. */
export const IsInstant = formatValidator('isInstant', {
  test: isInstant,
  expectation: 'an ISO 8601 instant with a time zone, e.g. 2003-01-01T00:00:00Z',
});

/** Text with at least one visible character (not only spaces or zero-width characters). */
export const HasText = formatValidator('hasText', {
  test: hasText,
  expectation: 'text with at least one visible character',
});

/** Plain decimal digits, nothing else: no sign, space, exponent, point or `0x`/`0b`/`0o` prefix. */
const DECIMAL_DIGITS = /^[0-9]+$/;

/**
 * `@DecimalInteger()`'s conversion: a query value of plain decimal digits as the number they
 * write; anything else is left as it came (a string), for its rule to refuse. `Number()`, which
 * `@Type(() => Number)` uses, would read `0x10` as 16, `1e3` as 1000 and ` 7` as 7.
 */
export function decimalIntegerOf({ value }: { value: unknown }): unknown {
  return typeof value === 'string' && DECIMAL_DIGITS.test(value) ? Number(value) : value;
}

/**
 * A whole-number query parameter as a number, written in plain decimal digits only (`25`, not
 * `0x19`, `2.5e1`, `+25` or ` 25`) and within `min`..`max`: one rule, so a refused value gets one
 * message saying all of it (`limit must be a whole number written in decimal digits, from 1 to
 * 1000`). The query fast path knows its conversion (`query-fast-path.ts`).
 */
export function DecimalInteger(range: { min: number; max?: number }): PropertyDecorator {
  const { min, max = Number.MAX_SAFE_INTEGER } = range;
  const within = range.max === undefined ? `${min} or more` : `from ${min} to ${range.max}`;
  const validator = formatValidator(`isDecimalInteger:${min}:${max}`, {
    test: (value) =>
      Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max,
    expectation: `a whole number written in decimal digits, ${within}`,
  });
  const transform = Transform(decimalIntegerOf);
  const validate = validator();
  return (target, propertyKey) => {
    transform(target, propertyKey);
    validate(target, propertyKey);
  };
}
