import { InvalidHeaderException } from '../problems/problem.exception';
import { correlationIdFrom, expectedRevisionFrom, headerText, reasonFrom } from './request-headers';

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

  /** A header value as Node hands it over: the UTF-8 bytes the client sent, decoded as latin1. */
  const onTheWire = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

  it.each(['Réunion', 'Comité des Ministres', 'Минск', '会议 😀', 'tab\there'])(
    'reads the UTF-8 bytes of %j as the text they encode',
    (text) => {
      expect(reasonFrom(onTheWire(text))).toBe(text);
    },
  );

  it('counts the decoded characters against the limit, not the bytes', () => {
    expect(reasonFrom(onTheWire('é'.repeat(500)))).toBe('é'.repeat(500));
    expect(() => reasonFrom(onTheWire('é'.repeat(501)))).toThrow(
      /at most 500 characters \(it has 501\)/,
    );
  });

  it('returns printable ASCII as it is', () => {
    const ascii = ' !"#$%&()*+,-./0123456789:;<=>?@AZ[\\]^_`az{|}~';
    expect(headerText('X-Reason', ascii)).toBe(ascii);
    expect(reasonFrom('Press release of 30 December 2002 (PC.DEC/526)')).toBe(
      'Press release of 30 December 2002 (PC.DEC/526)',
    );
  });

  it.each([
    ['latin1 bytes, as browsers send them (é as 0xE9)', '\u00e9t\u00e9', 'été'],
    [
      'bytes that are not UTF-8 (an overlong /)',
      Buffer.from([0xc0, 0xaf]).toString('latin1'),
      'À¯',
    ],
  ])('reads %s as latin1', (_label, header, text) => {
    expect(reasonFrom(header)).toBe(text);
  });

  it('refuses a character no byte can carry with a 400 naming X-Reason', () => {
    expectRefused(() => reasonFrom('R\u2019union'), /UTF-8 or latin1/);
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['a line feed', 'a\nb'],
    ['DEL', 'a\u007fb'],
    ['a C1 control sent as UTF-8 (U+0085)', onTheWire('a\u0085b')],
    ['ESC sent among UTF-8 text', onTheWire('é\u001b[31m')],
  ])('refuses %s with a 400 naming X-Reason', (_label, header) => {
    expectRefused(() => reasonFrom(header), /control character/);
  });

  function expectRefused(read: () => unknown, detail: RegExp): void {
    let thrown: unknown;
    try {
      read();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidHeaderException);
    const problem = (thrown as InvalidHeaderException).problem;
    expect(problem).toMatchObject({ status: 400, code: 'invalid-header' });
    expect(problem.errors).toEqual([{ header: 'X-Reason', detail: expect.stringMatching(detail) }]);
  }
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
