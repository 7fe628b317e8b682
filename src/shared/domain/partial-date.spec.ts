import {
  daysInMonth,
  endsBefore,
  firstDay,
  isDay,
  isPartialDate,
  lastDay,
  MAX_YEAR,
  MIN_YEAR,
  PARTIAL_DATE_EXPECTATION,
  precisionOf,
} from './partial-date';

describe('partial dates', () => {
  it.each([
    ['1993', 'year'],
    ['1992-09', 'month'],
    ['1992-09-08', 'day'],
    ['2000-02-29', 'day'],
  ])('reads %s as a %s', (date, precision) => {
    expect(precisionOf(date)).toBe(precision);
    expect(isPartialDate(date)).toBe(true);
  });

  it.each([
    '1993-13',
    '1993-00',
    '1993-02-30',
    '1900-02-29',
    '93',
    '1993-1-5',
    '1993-01-01T00:00',
    '',
  ])('rejects %j', (date) => expect(isPartialDate(date)).toBe(false));

  it('counts a period from its first day for starts and to its last day for ends', () => {
    expect([firstDay('1993'), lastDay('1993')]).toEqual(['1993-01-01', '1993-12-31']);
    expect([firstDay('2024-02'), lastDay('2024-02')]).toEqual(['2024-02-01', '2024-02-29']);
    expect([firstDay('2002-12-31'), lastDay('2002-12-31')]).toEqual(['2002-12-31', '2002-12-31']);
  });

  it('says a period ends before another only when it certainly does', () => {
    expect(endsBefore('2002-12-31', '2003-01-01')).toBe(true);
    expect(endsBefore('2003', '2003-06-01')).toBe(false);
    expect(endsBefore('2003-01-01', '2003-01-01')).toBe(false);
    expect(isDay('2003')).toBe(false);
  });

  describe('the years a recorded date may take', () => {
    it('are 1900 to 2199, and the expectation says so', () => {
      expect([MIN_YEAR, MAX_YEAR]).toEqual([1900, 2199]);
      expect(PARTIAL_DATE_EXPECTATION).toContain('1900 to 2199');
    });

    it.each(['1900', '1900-01', '1900-01-01', '1973', '2199', '2199-12', '2199-12-31'])(
      'accepts %s, inside the bounds',
      (date) => expect(isPartialDate(date)).toBe(true),
    );

    it.each([
      '0000',
      '0001',
      '0099-12-31',
      '1800',
      '1899',
      '1899-12',
      '1899-12-31',
      '2200',
      '2200-01',
      '2200-01-01',
      '2999-12-31',
      '9999',
      '9999-12-31',
    ])('refuses %s, outside the bounds', (date) => expect(isPartialDate(date)).toBe(false));

    it('reads the shape and calendar of a date of any year, for data stored before the bounds', () => {
      expect(precisionOf('0000')).toBe('year');
      expect(precisionOf('9999-12-31')).toBe('day');
      expect(lastDay('0000-02')).toBe('0000-02-29');
    });

    it('does not bound a day asked for (asOf): a question about any day is fair', () => {
      expect(isDay('0001-01-01')).toBe(true);
      expect(isDay('9999-12-31')).toBe(true);
    });
  });

  describe('leap years', () => {
    it.each([
      ['1904-02-29', true],
      ['1900-02-29', false],
      ['2000-02-29', true],
      ['2024-02-29', true],
      ['2023-02-29', false],
      ['2100-02-29', false],
      ['2196-02-29', true],
    ])('%s is a real recordable day: %s', (date, real) => expect(isPartialDate(date)).toBe(real));

    it.each([
      [0, 29],
      [4, 29],
      [96, 29],
      [100, 28],
      [1900, 28],
      [2000, 29],
      [2023, 28],
      [2400, 29],
    ])('February of year %i has %i days (years 0-99 are not read as 1900-1999)', (year, days) =>
      expect(daysInMonth(year, 2)).toBe(days),
    );

    it('counts the other months too', () => {
      expect([1, 3, 4, 6, 9, 11, 12].map((m) => daysInMonth(1, m))).toEqual([
        31, 31, 30, 30, 30, 30, 31,
      ]);
      expect(isDay('0000-02-29')).toBe(true);
      expect(isDay('0001-02-29')).toBe(false);
      expect(isDay('0100-02-29')).toBe(false);
    });
  });
});
