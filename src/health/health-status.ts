import type { ProjectionStatus } from '../projections/projection-engine';

/** `degraded` as soon as one projection has failed: its read model no longer follows the log. */
export function overallStatus(projections: readonly ProjectionStatus[]): 'ok' | 'degraded' {
  return projections.some((p) => p.error !== null) ? 'degraded' : 'ok';
}
