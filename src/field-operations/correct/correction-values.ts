import { isPartialDate, PARTIAL_DATE_EXPECTATION } from '../../shared/domain/partial-date';
import { isSlug } from '../../shared/domain/slug';
import { hasText } from '../../shared/domain/text';
import { CLOSURE_REASONS, type FieldOperationFact, NOTE_CATEGORIES } from '../domain/events';

/** A check of one corrected value, and what the value must be to pass it. */
interface ValueRule {
  test: (value: unknown) => boolean;
  expectation: string;
}

const text = (max: number): ValueRule => ({
  test: (v) => hasText(v) && v.length <= max,
  expectation: `text with at least one visible character, at most ${max} characters`,
});
const orNull = (rule: ValueRule): ValueRule => ({
  test: (v) => v === null || rule.test(v),
  expectation: `${rule.expectation}, or null`,
});
const date: ValueRule = {
  test: isPartialDate,
  expectation: PARTIAL_DATE_EXPECTATION,
};
const slugs = (min: number): ValueRule => ({
  test: (v) => Array.isArray(v) && v.length >= min && v.length <= 20 && v.every(isSlug),
  expectation: `a list of ${min > 0 ? 'at least one and ' : ''}at most 20 ids (slugs)`,
});
const url: ValueRule = {
  test: (v) => {
    if (typeof v !== 'string' || v.length > 2000 || !URL.canParse(v)) return false;
    return ['http:', 'https:'].includes(new URL(v).protocol);
  },
  expectation: 'an http(s) URL',
};
const reason: ValueRule = {
  test: (v) => (CLOSURE_REASONS as readonly unknown[]).includes(v),
  expectation: `one of ${CLOSURE_REASONS.join(', ')}`,
};
const decision = orNull(text(100));
const category: ValueRule = {
  test: (v) => v === null || (NOTE_CATEGORIES as readonly unknown[]).includes(v),
  expectation: `one of ${NOTE_CATEGORIES.join(', ')}, or null`,
};

/** What each correctable field of each fact may be set to (the same bounds as the commands'). */
export const VALUE_RULES: Record<FieldOperationFact['fact'], Record<string, ValueRule>> = {
  established: {
    name: text(300),
    seat: orNull(text(200)),
    hostStates: slugs(1),
    establishedOn: date,
    decision,
    sourceUrl: orNull(url),
  },
  renamed: { name: text(300), effectiveOn: date, decision },
  closed: { closedOn: date, reason, decision, successors: slugs(0) },
  'mandate-agreed': {
    summary: text(4000),
    effectiveFrom: date,
    until: orNull(date),
    decision,
  },
  'mandate-extended': { until: date, decision: text(100) },
  'head-appointed': { name: text(200), from: date, decision },
  'seat-changed': { seat: text(200), effectiveOn: date, decision },
  'host-states-changed': { hostStates: slugs(1), effectiveOn: date, decision },
  'note-recorded': { on: orNull(date), category, text: text(4000), decision },
};

/** The expectation a value fails, or undefined when it passes. */
export function invalidValue(
  fact: FieldOperationFact['fact'],
  field: string,
  value: unknown,
): string | undefined {
  const rule = VALUE_RULES[fact][field];
  return rule.test(value) ? undefined : rule.expectation;
}
