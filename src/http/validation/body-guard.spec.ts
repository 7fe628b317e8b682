import { checkBody, MAX_BODY_DEPTH } from './body-guard';

const nested = (depth: number): unknown => {
  let value: unknown = 'x';
  for (let level = 0; level < depth; level += 1) value = [value];
  return value;
};

describe('checkBody', () => {
  it('accepts the bodies commands take, unusual but well-formed text included', () => {
    expect(
      checkBody({
        name: 'مكتب \u202eA\u200bB 😀 e\u0301',
        text: 'line\nbreak\ttab\r\n',
        effects: [{ provenance: { conflicts: [{ values: ['a'] }] } }],
      }),
    ).toBeUndefined();
    expect(checkBody({ v: nested(MAX_BODY_DEPTH - 1) })).toBeUndefined();
  });

  it('refuses a body nested deeper than the limit, without recursing (100 000 levels)', () => {
    expect(checkBody({ v: nested(MAX_BODY_DEPTH) })?.problem).toMatchObject({
      status: 422,
      code: 'validation-failed',
    });
    const deep = JSON.parse(`{"v":${'['.repeat(100_000)}${']'.repeat(100_000)}}`) as unknown;
    expect(checkBody(deep)?.problem.detail).toMatch(/nested deeper than 32 levels/);
  });

  it.each([
    ['a lone high surrogate', 'A\ud800B', /lone UTF-16 surrogate/],
    ['a lone low surrogate', '\udc00', /lone UTF-16 surrogate/],
    ['NUL', 'A\u0000B', /control character/],
    ['an escape sequence', '\u001b[31mred', /control character/],
  ])('refuses text holding %s, pointing at it', (_label, text, detail) => {
    const problem = checkBody({ effects: [{ name: text }] })?.problem;
    expect(problem?.detail).toMatch(detail);
    expect(problem?.errors).toEqual([{ pointer: '/effects/0/name', detail: expect.any(String) }]);
  });

  it('accepts a surrogate pair (an astral character)', () => {
    expect(checkBody({ name: '\ud83d\ude00' })).toBeUndefined();
  });

  it.each(['constructor', 'prototype', 'toString', 'hasOwnProperty', '__proto__'])(
    'refuses the key %s, which the pipe would drop silently',
    (key) => {
      const body = JSON.parse(`{"changes":{"${key}":"x"}}`) as unknown;
      expect(checkBody(body)?.problem.errors).toEqual([
        { pointer: `/changes/${key}`, detail: expect.stringMatching(/is not a field/) },
      ]);
    },
  );
});
