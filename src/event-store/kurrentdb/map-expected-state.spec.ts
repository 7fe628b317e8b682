import { ANY, NO_STREAM, STREAM_EXISTS } from '@kurrent/kurrentdb-client';
import { InvalidAppendError } from '../errors';
import { toClientStreamState } from './map-expected-state';

describe('KurrentDB expected state mapping', () => {
  it.each([
    ['no_stream', NO_STREAM],
    ['any', ANY],
    ['stream_exists', STREAM_EXISTS],
  ] as const)('maps %s to the client constant', (port, client) => {
    expect(toClientStreamState('s', port)).toBe(client);
  });

  it('passes exact revisions through as bigints, beyond 2^53 included', () => {
    expect(toClientStreamState('s', 0n)).toBe(0n);
    expect(toClientStreamState('s', 9_007_199_254_740_993n)).toBe(9_007_199_254_740_993n);
  });

  it('refuses negative revisions', () => {
    expect(() => toClientStreamState('s', -1n)).toThrow(InvalidAppendError);
  });
});
