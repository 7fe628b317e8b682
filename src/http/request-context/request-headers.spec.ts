import { InvalidHeaderException } from '../problems/problem.exception';
import { correlationIdFrom, expectedRevisionFrom, reasonFrom } from './request-headers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('correlationIdFrom', () => {
  it('keeps a sane token the client sent', () => {
    expect(correlationIdFrom('req-1.a:B_2')).toBe('req-1.a:B_2');
    expect(correlationIdFrom('x'.repeat(100))).toBe('x'.repeat(100));
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['too long', 'x'.repeat(101)],
    ['with spaces', 'a b'],
    ['with a newline-like character', 'a\tb'],
    ['sent twice', ['a', 'b']],
  ])('makes a UUID when the header is %s', (_, header) => {
    expect(correlationIdFrom(header)).toMatch(UUID);
  });

  it('makes a new UUID each time', () => {
    expect(correlationIdFrom(undefined)).not.toBe(correlationIdFrom(undefined));
  });
});

describe('reasonFrom', () => {
  it('trims the reason and drops a blank one', () => {
    expect(reasonFrom('  press release  ')).toBe('press release');
    expect(reasonFrom('   ')).toBeUndefined();
    expect(reasonFrom(undefined)).toBeUndefined();
  });

  it('accepts 500 characters and refuses 501', () => {
    expect(reasonFrom('r'.repeat(500))).toHaveLength(500);
    expect(() => reasonFrom('r'.repeat(501))).toThrow(/at most 500 characters/);
  });
});

describe('expectedRevisionFrom', () => {
  it('reads a strong entity tag or a bare number', () => {
    expect(expectedRevisionFrom('"3"')).toBe(3n);
    expect(expectedRevisionFrom(' 3 ')).toBe(3n);
    expect(expectedRevisionFrom('"0"')).toBe(0n);
    expect(expectedRevisionFrom('"9007199254740993"')).toBe(9007199254740993n);
  });

  it('is absent without the header', () => {
    expect(expectedRevisionFrom(undefined)).toBeUndefined();
  });

  it.each(['W/"3"', '*', '"3", "4"', '"-1"', '"3', 'abc', '', '"3.0"', '"12345678901234567890"'])(
    'refuses If-Match: %s with a 400 pointing at the header',
    (header) => {
      let thrown: unknown;
      try {
        expectedRevisionFrom(header);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InvalidHeaderException);
      const problem = (thrown as InvalidHeaderException).problem;
      expect(problem.status).toBe(400);
      expect(problem.errors).toEqual([
        { header: 'If-Match', detail: expect.stringContaining('"3"') },
      ]);
    },
  );
});
