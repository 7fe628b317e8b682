import {
  AccessDeniedError,
  StreamNotFoundError,
  UnavailableError,
  UnsupportedError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import {
  StoreFeatureUnsupportedError,
  StoreUnavailableError,
  WrongExpectedStateError,
} from '../errors';
import { isStreamNotFound, mapAppendError, mapReadError } from './map-errors';

const endpoint = 'db1:2113';

describe('KurrentDB error mapping', () => {
  describe('conflicts', () => {
    it('maps appendToStream conflicts with the stream and the actual revision', () => {
      const error = new WrongExpectedVersionError(undefined, {
        streamName: 'office-1',
        expected: 1n,
        current: 4n,
      });
      const mapped = mapAppendError(error, [{ stream: 'office-1', expected: 1n }], endpoint);
      expect(mapped).toBeInstanceOf(WrongExpectedStateError);
      expect(mapped).toMatchObject({ stream: 'office-1', expected: 1n, actual: 4n });
    });

    it('reports a missing stream as no_stream', () => {
      const error = new WrongExpectedVersionError(undefined, {
        streamName: 's',
        expected: 'stream_exists',
        current: 'no_stream',
      });
      expect(
        mapAppendError(error, [{ stream: 's', expected: 'stream_exists' }], endpoint),
      ).toMatchObject({
        stream: 's',
        expected: 'stream_exists',
        actual: 'no_stream',
      });
    });

    it('finds the stream of a multi-stream conflict by name', () => {
      const error = new WrongExpectedVersionError(undefined, {
        streamName: 'b',
        expected: 0n,
        current: 1n,
      });
      const attempts = [
        { stream: 'a', expected: 'no_stream' as const },
        { stream: 'b', expected: 0n },
      ];
      expect(mapAppendError(error, attempts, endpoint)).toMatchObject({
        stream: 'b',
        expected: 0n,
        actual: 1n,
      });
    });

    it('says "unknown" when a multi-stream conflict comes without details', () => {
      const bare = Object.create(WrongExpectedVersionError.prototype) as WrongExpectedVersionError;
      Object.assign(bare, { message: '' });
      const attempts = [
        { stream: 'a', expected: 'any' as const },
        { stream: 'b', expected: 3n },
      ];
      const mapped = mapAppendError(bare, attempts, endpoint) as WrongExpectedStateError;
      expect(mapped).toBeInstanceOf(WrongExpectedStateError);
      expect(mapped).toMatchObject({ stream: 'b', expected: 3n, actual: 'unknown' });
      expect(mapped.message).toContain('"b"');
    });
  });

  describe('unavailable server', () => {
    it('maps the plain gRPC code 14 error of an append', () => {
      const raw = Object.assign(new Error('14 UNAVAILABLE: No connection established'), {
        code: 14,
      });
      const mapped = mapAppendError(raw, [{ stream: 's', expected: 'any' }], endpoint);
      expect(mapped).toBeInstanceOf(StoreUnavailableError);
      expect((mapped as StoreUnavailableError).message).toContain(endpoint);
      expect((mapped as StoreUnavailableError).cause).toBe(raw);
    });

    it('maps the UnavailableError of a read', () => {
      expect(mapReadError(new UnavailableError(), endpoint)).toBeInstanceOf(StoreUnavailableError);
    });

    it('leaves other errors alone', () => {
      const denied = new AccessDeniedError();
      expect(mapReadError(denied, endpoint)).toBe(denied);
      const other = Object.assign(new Error('nope'), { code: 3 });
      expect(mapAppendError(other, [], endpoint)).toBe(other);
    });
  });

  it('names the version a missing feature needs and the server lacking it', () => {
    const mapped = mapAppendError(new UnsupportedError('multiStreamAppend', '25.1'), [], endpoint);
    expect(mapped).toBeInstanceOf(StoreFeatureUnsupportedError);
    expect((mapped as Error).message).toBe(
      'multi-stream append needs KurrentDB 25.1 or later; the server at db1:2113 does not support it',
    );
  });

  it('recognises a missing stream', () => {
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 'nowhere'))).toBe(true);
    expect(isStreamNotFound(new UnavailableError())).toBe(false);
  });
});
