import { firstMsFrom, lastMsBefore, lastMsUpTo, parseInstant } from './recorded-instant';

const T = Date.parse('2024-01-02T09:30:00.123Z');

describe('recorded-time instants', () => {
  it('reads an instant with seconds and a zone, to the millisecond', () => {
    expect(parseInstant('2024-01-02T09:30:00.123Z')).toEqual({ ms: T, withinMs: false });
    expect(parseInstant('2024-01-02T10:30:00.123+01:00')).toEqual({ ms: T, withinMs: false });
    expect(parseInstant('2024-01-02T09:30:00Z')!.ms).toBe(T - 123);
    expect(parseInstant('2024-01-02T09:30:00.1Z')!.ms).toBe(T - 23);
    expect(parseInstant('2024-01-02T10:30+01:00')!.ms).toBe(T - 123);
  });

  it('keeps a finer fraction as "inside the millisecond"', () => {
    const fine = parseInstant('2024-01-02T09:30:00.123400Z')!;
    expect(fine).toEqual({ ms: T, withinMs: true });
    expect(firstMsFrom(fine)).toBe(T + 1);
    expect(lastMsUpTo(fine)).toBe(T);
    expect(lastMsBefore(fine)).toBe(T);
    const exact = parseInstant('2024-01-02T09:30:00.123000Z')!;
    expect([firstMsFrom(exact), lastMsUpTo(exact), lastMsBefore(exact)]).toEqual([T, T, T - 1]);
  });

  it.each([
    '2024-01-02',
    '2024-01-02T09:30:00',
    '2024-02-30T00:00:00Z',
    '2024-01-02T24:00:00Z',
    '2024-01-02T09:30:00.1234567890Z',
    '2024-01-02 09:30:00Z',
    'yesterday',
    '',
  ])('refuses %j', (text) => {
    expect(parseInstant(text)).toBeUndefined();
  });
});
