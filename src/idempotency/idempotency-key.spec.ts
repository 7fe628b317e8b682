import { InvalidHeaderException } from '../http/problems/problem.exception';
import { idempotencyKeyFrom, requestFingerprint } from './idempotency-key';

describe('idempotencyKeyFrom', () => {
  it('is absent without the header and keeps a well-formed key as it is', () => {
    expect(idempotencyKeyFrom(undefined)).toBeUndefined();
    expect(idempotencyKeyFrom('3f6c1a9e-8d2b-4c71-a1f0-5e2d9b7c4a10')).toBe(
      '3f6c1a9e-8d2b-4c71-a1f0-5e2d9b7c4a10',
    );
    expect(idempotencyKeyFrom('k'.repeat(200))).toHaveLength(200);
    expect(idempotencyKeyFrom('a b ~!')).toBe('a b ~!');
  });

  it.each([
    ['empty', ''],
    ['201 characters', 'k'.repeat(201)],
    ['non-ASCII', 'clé'],
    ['a control character', 'a\u0000b'],
    ['a tab', 'a\tb'],
    ['DEL', 'a\u007fb'],
    ['sent twice', ['a', 'b']],
  ])('refuses a key that is %s with a 400 naming the header', (_l, header) => {
    let thrown: unknown;
    try {
      idempotencyKeyFrom(header);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidHeaderException);
    expect((thrown as InvalidHeaderException).problem).toMatchObject({
      status: 400,
      errors: [{ header: 'Idempotency-Key' }],
    });
  });
});

describe('requestFingerprint', () => {
  const body = { name: 'Eberhard Heyken', from: '2003-02-10', nested: { b: 1, a: [1, 2] } };

  it('ignores key order and white space in the body', () => {
    const reordered = JSON.parse(
      '{ "nested": {"a":[1,2],"b":1}, "from":"2003-02-10", "name":"Eberhard Heyken" }',
    );
    expect(requestFingerprint('POST', '/x', reordered)).toBe(
      requestFingerprint('post', '/x', body),
    );
  });

  it('differs with the method, the path or any value of the body', () => {
    const base = requestFingerprint('POST', '/x', body);
    expect(requestFingerprint('PUT', '/x', body)).not.toBe(base);
    expect(requestFingerprint('POST', '/y', body)).not.toBe(base);
    expect(requestFingerprint('POST', '/x', { ...body, from: '2003-02-11' })).not.toBe(base);
    expect(requestFingerprint('POST', '/x', { ...body, nested: { b: 1, a: [2, 1] } })).not.toBe(
      base,
    );
  });

  it('treats a missing body as empty', () => {
    expect(requestFingerprint('POST', '/x', undefined)).toMatch(/^[0-9a-f]{64}$/);
    expect(requestFingerprint('POST', '/x', undefined)).not.toBe(
      requestFingerprint('POST', '/x', {}),
    );
  });
});
