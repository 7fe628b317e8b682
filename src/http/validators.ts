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
