import fc from 'fast-check';

/** Text that is valid Unicode but unusual: right-to-left marks, zero-width and combining marks, astral. */
export const unusualText = fc.constantFrom(
  '\u202eevil\u202c',
  'مكتب منظمة الأمن',
  'A\u200bB\u200d\u2060C',
  'e\u0301\u0301\u0301',
  '\ufeffBOM',
  '😀 Office 𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '\u00a0\u2028\u2029',
  'Ω≈ç√∫',
  '<script>alert(1)</script>',
  "Robert'); DROP TABLE events;--",
  '${7*7}{{7*7}}',
  '../../etc/passwd',
);

/** Text no field accepts: a lone surrogate, NUL or another control character, somewhere in it. */
export const forbiddenText = fc
  .tuple(
    fc.string({ maxLength: 20 }),
    fc.constantFrom('\ud800', '\udfff', '\u0000', '\u0001', '\u001b[31m', '\u000b', '\u007f\u0000'),
    fc.string({ maxLength: 20 }),
  )
  .map(([before, bad, after]) => `${before}${bad}${after}`);

/** Longer than any text field allows (the longest, a mandate summary, takes 4000). */
export const hugeText = fc
  .tuple(fc.integer({ min: 4001, max: 200_000 }), fc.constantFrom('x', 'é', '😀', '\u202e', ' '))
  .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));

/** Not a slug, date, enum value, UUID or reference: always has a character none of them allows. */
export const injectionText = fc.oneof(
  fc.constantFrom(
    "' OR 1=1 --",
    '"; DROP TABLE events; --',
    '../../../../etc/passwd',
    '..\\..\\windows',
    '$where',
    '{"$gt": ""}',
    '%00',
    'field-operation-x\u0000',
    '\u202eoffice',
    '__proto__',
    'constructor',
    '',
    ' ',
  ),
  fc
    .tuple(fc.string({ maxLength: 30 }), fc.constantFrom("'", '"', ' ', '\\', '<', '%', '#'))
    .map(([text, bad]) => `${text}${bad}`),
  forbiddenText,
);

/** More elements than any list allows (the longest, a decision's effects, takes 100). */
export const hugeArray = fc
  .tuple(
    fc.integer({ min: 101, max: 20_000 }),
    fc.constantFrom<unknown>('belarus', 1, {}, null, []),
  )
  .map(([length, element]) => Array.from({ length }, () => element));

/**
 * Arrays or objects nested deeper than the body guard allows (32), up to 100 000 levels. Kept as
 * JSON text (`DeepJson`): building and serialising such values as objects would exhaust the test's
 * own stack. `withDeepJson` writes them into the body text.
 */
export class DeepJson {
  constructor(
    readonly depth: number,
    readonly arrays: boolean,
  ) {}

  get text(): string {
    return this.arrays
      ? `${'['.repeat(this.depth)}"bottom"${']'.repeat(this.depth)}`
      : `${'{"a":'.repeat(this.depth)}"bottom"${'}'.repeat(this.depth)}`;
  }

  toJSON(): string {
    return `${DEEP_MARK}${this.depth}:${this.arrays}`;
  }

  [fc.toStringMethod](): string {
    return `DeepJson(${this.depth} levels of ${this.arrays ? 'arrays' : 'objects'})`;
  }
}

const DEEP_MARK = 'deep-json-placeholder:';

export const deepNesting = fc
  .tuple(fc.integer({ min: 33, max: 100_000 }), fc.boolean())
  .map(([depth, arrays]) => new DeepJson(depth, arrays));

/** JSON text with every `DeepJson` in it written out. */
export function withDeepJson(text: string): string {
  return text.replace(
    new RegExp(`"${DEEP_MARK}(\\d+):(true|false)"`, 'g'),
    (_, depth: string, arrays: string) => new DeepJson(Number(depth), arrays === 'true').text,
  );
}

/** A JSON value of another type than `original` (null excepted: some fields allow it). */
export function otherType(original: unknown): fc.Arbitrary<unknown> {
  const kind = Array.isArray(original) ? 'array' : typeof original;
  const choices: Array<[string, fc.Arbitrary<unknown>]> = [
    ['string', fc.string({ maxLength: 10 })],
    ['number', fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }))],
    ['boolean', fc.boolean()],
    ['object', fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 })],
    ['array', fc.array(fc.integer(), { maxLength: 3 })],
  ];
  return fc.oneof(...choices.filter(([type]) => type !== kind).map(([, arbitrary]) => arbitrary));
}

/** Keys no body accepts: prototype pollution, metadata the server owns, and odd text. */
export const extraKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'valueOf',
    'hasOwnProperty',
    '__defineGetter__',
    'then',
    'actor',
    'recordedAt',
    'correlationId',
    'hash',
    '$where',
    '',
    '\u202e',
  ),
  fc.string({ minLength: 1, maxLength: 30 }).map((key) => `x-${key}`),
);

/** Request bodies that are not JSON at all, or not quite. */
export function malformedJson(validText: string): fc.Arbitrary<string | Buffer> {
  return fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc
      .integer({ min: 0, max: Math.max(0, validText.length - 1) })
      .map((n) => validText.slice(0, n)),
    fc.string({ minLength: 1, maxLength: 20 }).map((junk) => `${validText}x${junk}`),
    fc.constantFrom(
      '',
      ' ',
      '{',
      '}',
      '{"a":1,}',
      "{'id': 'x'}",
      '{"id": NaN}',
      '{"id": Infinity}',
      '{"id": undefined}',
      '{/* comment */}',
      '\ufeff{}',
      '{"a":"\\u12"}',
      '{"a":"\\x41"}',
      '[1,2',
      '{"__proto__": {"isAdmin": true}}',
      '{"constructor": {"prototype": {"isAdmin": true}}}',
      'null',
      'true',
      '42',
      '"text"',
      '[]',
    ),
    fc.uint8Array({ minLength: 1, maxLength: 100 }).map((bytes) => Buffer.from(bytes)),
    fc.constant(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0x22, 0x7d])),
  );
}

/** Record ids for the path: traversal, encoded NUL, injection, too long, badly encoded. */
export const hostilePathId = fc.oneof(
  fc.constantFrom(
    '..%2F..%2F..%2Fetc%2Fpasswd',
    '..%2f..',
    '%2e%2e',
    '..',
    '.',
    '%00',
    'belarus%00',
    'belarus%00.json',
    "'%20OR%201=1",
    '%27%20OR%20%271%27=%271',
    '%3Cscript%3E',
    '%ZZ',
    '%',
    '%C0%AE%C0%AE',
    '%ED%A0%80',
    '%E2%80%AE',
    'BELARUS',
    'belarus--x',
    '-belarus',
    '%20',
    'a'.repeat(101),
    'a'.repeat(5000),
    'belarus;rm%20-rf',
    '$%7Bjndi:ldap:%2F%2Fx%7D',
  ),
  fc
    .string({ minLength: 1, maxLength: 40 })
    .map((id) => encodeURIComponent(id))
    .filter((id) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)),
);
