import { instantMs, isInstant } from './instant';

describe('instants (knownAt)', () => {
  it('reads an instant with a zone to epoch milliseconds', () => {
    expect(instantMs('2003-01-01T00:00:00Z')).toBe(Date.UTC(2003, 0, 1));
    expect(instantMs('2003-01-01T01:00+01:00')).toBe(Date.UTC(2003, 0, 1));
    expect(instantMs('2002-12-31T19:00:00.5-05:00')).toBe(Date.UTC(2003, 0, 1, 0, 0, 0, 500));
  });

  it('cuts a fraction finer than a millisecond off, so it compares on milliseconds', () => {
    expect(instantMs('2024-01-02T09:30:00.123999Z')).toBe(Date.UTC(2024, 0, 2, 9, 30, 0, 123));
  });

  it.each([
    '2003-01-01',
    '2003-01-01T00:00:00',
    '2003-02-30T00:00:00Z',
    '2003-01-01T24:00:00Z',
    '2003-01-01T00:60:00Z',
    '2003-01-01T00:00:00+25:00',
    'yesterday',
    '1041379200000',
  ])('refuses %s', (text) => {
    expect(isInstant(text)).toBe(false);
  });
});
