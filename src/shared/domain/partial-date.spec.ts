import { endsBefore, firstDay, isDay, isPartialDate, lastDay, precisionOf } from './partial-date';

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
});
