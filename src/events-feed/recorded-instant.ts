import { instantMs, isInstant } from '../shared/domain/instant';

/**
 * A recorded-time bound as the feed takes it: the same ISO 8601 instants as `knownAt` everywhere
 * (`shared/domain/instant`). Recorded times are kept in milliseconds, so a finer fraction is kept
 * as "inside this millisecond", which moves an inclusive lower or an exclusive upper bound.
 */
export interface Instant {
  /** Epoch milliseconds, a finer fraction cut off. */
  readonly ms: number;
  /** Whether the instant lies strictly inside millisecond `ms` (a nonzero fraction beyond ms). */
  readonly withinMs: boolean;
}

export { isInstant };

export const INSTANT_EXPECTATION =
  'an ISO 8601 instant with a zone, e.g. 2024-01-02T09:30:00.123Z or 2024-01-02T10:30+01:00';

export function parseInstant(text: unknown): Instant | undefined {
  const ms = instantMs(text);
  if (ms === undefined) return undefined;
  const finer = /\.\d{3}(\d+)/.exec(text as string)?.[1] ?? '';
  return { ms, withinMs: /[1-9]/.test(finer) };
}

/** The first millisecond at or after the instant (for an inclusive lower bound). */
export const firstMsFrom = (instant: Instant): number => instant.ms + (instant.withinMs ? 1 : 0);

/** The last millisecond at or before the instant (for an inclusive upper bound). */
export const lastMsUpTo = (instant: Instant): number => instant.ms;

/** The last millisecond strictly before the instant (for an exclusive upper bound). */
export const lastMsBefore = (instant: Instant): number => instant.ms - (instant.withinMs ? 0 : 1);
