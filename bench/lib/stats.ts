/** Medians with their spread: every measure is run several times and reported as median (min-max). */
export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
  readonly values: number[];
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error('no values to summarize');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return {
    median,
    min: sorted[0],
    max: sorted[sorted.length - 1],
    runs: values.length,
    values: [...values],
  };
}

/** Percentile of a set of samples (nearest rank). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Runs `fn` `runs` times and summarizes what each run returns. */
export async function repeat(
  runs: number,
  fn: (run: number) => Promise<number> | number,
): Promise<Summary> {
  const values: number[] = [];
  for (let run = 0; run < runs; run++) values.push(await fn(run));
  return summarize(values);
}

export const round = (n: number, digits = 0): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};
