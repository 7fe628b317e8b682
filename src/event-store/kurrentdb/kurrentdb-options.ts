/** Tuning knobs of the KurrentDB adapter; every field has a sensible default. */
export interface KurrentDbEventStoreOptions {
  /** First wait before resubscribing after a subscription dropped (default 100 ms). */
  readonly resubscribeInitialDelayMs?: number;
  /** Upper bound of the doubling resubscribe wait (default 5000 ms). */
  readonly resubscribeMaxDelayMs?: number;
  /** Events fetched per request when reading `$all` (default 500, at least 2). */
  readonly readPageSize?: number;
  /** Undelivered messages a subscription buffers before pausing the server stream (default 1000). */
  readonly subscriptionHighWaterMark?: number;
}

export interface ResolvedKurrentDbOptions {
  readonly resubscribeInitialDelayMs: number;
  readonly resubscribeMaxDelayMs: number;
  readonly readPageSize: number;
  readonly subscriptionHighWaterMark: number;
}

export function resolveOptions(options: KurrentDbEventStoreOptions = {}): ResolvedKurrentDbOptions {
  const initial = positive(options.resubscribeInitialDelayMs, 100, 'resubscribeInitialDelayMs');
  const max = positive(options.resubscribeMaxDelayMs, 5000, 'resubscribeMaxDelayMs');
  return {
    resubscribeInitialDelayMs: initial,
    resubscribeMaxDelayMs: Math.max(initial, max),
    readPageSize: Math.max(2, positive(options.readPageSize, 500, 'readPageSize')),
    subscriptionHighWaterMark: positive(
      options.subscriptionHighWaterMark,
      1000,
      'subscriptionHighWaterMark',
    ),
  };
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`KurrentDB option ${name} must be a positive number, got ${value}`);
  }
  return Math.floor(value);
}
