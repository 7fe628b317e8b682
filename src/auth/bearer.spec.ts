import { credentialsOf } from './bearer';

describe('credentialsOf', () => {
  it('reads a bearer token, whatever the scheme case', () => {
    expect(credentialsOf('Bearer reg_abc-_')).toEqual({ kind: 'bearer', token: 'reg_abc-_' });
    expect(credentialsOf('bearer a.b.c')).toEqual({ kind: 'bearer', token: 'a.b.c' });
  });

  it('sees no credentials without the header', () => {
    expect(credentialsOf(undefined)).toEqual({ kind: 'none' });
    expect(credentialsOf('')).toEqual({ kind: 'none' });
  });

  it.each(['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer ', 'Bearer a b', 'Token abc', 'Bearer a\u00e9'])(
    'refuses %j',
    (header) => {
      expect(credentialsOf(header)).toEqual({ kind: 'unsupported' });
    },
  );

  it('refuses an oversized header', () => {
    expect(credentialsOf(`Bearer ${'a'.repeat(9000)}`)).toEqual({ kind: 'unsupported' });
  });
});
