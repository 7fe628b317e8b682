import type { ProjectionStatus } from '../projections/projection-engine';
import { overallStatus } from './health-status';

const projection = (error: string | null): ProjectionStatus => ({
  name: 'field-operations',
  checkpoint: '3',
  lag: '0',
  caughtUp: true,
  error,
});

describe('overall health', () => {
  it('is ok while every projection runs, even lagging', () => {
    expect(overallStatus([projection(null), { ...projection(null), lag: '500' }])).toBe('ok');
    expect(overallStatus([])).toBe('ok');
  });

  it('is degraded when a projection has failed', () => {
    expect(overallStatus([projection(null), projection('SQLITE_FULL')])).toBe('degraded');
  });
});
