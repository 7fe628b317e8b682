import { periodBefore, timeline } from './periods';

describe('periodBefore', () => {
  it.each([
    ['2003-01-01', '2002-12-31'],
    ['2000-03-01', '2000-02-29'],
    ['1999-01', '1998-12'],
    ['1999-07', '1999-06'],
    ['1993', '1992'],
  ])('%s -> %s, at the same precision', (date, before) => {
    expect(periodBefore(date)).toBe(before);
  });
});

describe('timeline', () => {
  const names = [
    { name: 'Centre in Astana', from: '2006-06' },
    { name: 'Centre in Almaty', from: '1998-07-23' },
    { name: 'Programme Office in Astana', from: '2015-01-01' },
  ];

  it('orders versions by valid time and ends each the period before the next starts', () => {
    expect(timeline(names, (n) => n.from, '2017-06-30')).toEqual([
      { value: names[1], start: '1998-07-23', end: '2006-05' },
      { value: names[0], start: '2006-06', end: '2014-12-31' },
      { value: names[2], start: '2015-01-01', end: '2017-06-30' },
    ]);
  });

  it('leaves the last version open while the operation is not closed', () => {
    expect(timeline(names.slice(0, 1), (n) => n.from, null)).toEqual([
      { value: names[0], start: '2006-06', end: null },
    ]);
  });
});
