import {
  InvalidHeaderException,
  InvalidQueryParameterException,
} from '../problems/problem.exception';
import { minPositionFrom, withoutMinPosition } from './min-position';

describe('minPositionFrom', () => {
  it('reads the query parameter or the header', () => {
    expect(minPositionFrom({ minPosition: '42' }, undefined)).toBe(42n);
    expect(minPositionFrom({}, '7')).toBe(7n);
    expect(minPositionFrom({ minPosition: '0' }, undefined)).toBe(0n);
  });

  it('waits for the later of the two when both are sent', () => {
    expect(minPositionFrom({ minPosition: '3' }, '9')).toBe(9n);
    expect(minPositionFrom({ minPosition: '12' }, '9')).toBe(12n);
  });

  it('is absent when neither is sent', () => {
    expect(minPositionFrom({ other: '1' }, undefined)).toBeUndefined();
    expect(minPositionFrom(undefined, undefined)).toBeUndefined();
  });

  it.each(['-1', '1.5', 'abc', '', '1e3', '12345678901234567890'])(
    'refuses minPosition=%s as a bad query parameter',
    (value) => {
      expect(() => minPositionFrom({ minPosition: value }, undefined)).toThrow(
        InvalidQueryParameterException,
      );
    },
  );

  it('refuses a repeated parameter and a malformed header', () => {
    expect(() => minPositionFrom({ minPosition: ['1', '2'] }, undefined)).toThrow(
      InvalidQueryParameterException,
    );
    expect(() => minPositionFrom({}, 'soon')).toThrow(InvalidHeaderException);
  });
});

describe('withoutMinPosition', () => {
  it('removes only minPosition from the query', () => {
    const query: Record<string, unknown> = { minPosition: '1', asOf: '2003-01-01' };
    withoutMinPosition(query);
    expect(query).toEqual({ asOf: '2003-01-01' });
  });
});
