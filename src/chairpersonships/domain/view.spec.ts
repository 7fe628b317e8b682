import { appointed, assumed } from '../../../test/support/chairpersonship-fixtures';
import { type Chairpersonship, foldChairpersonship } from './chairpersonship';
import { viewOn } from './view';

const finland = foldChairpersonship([
  assumed('finland-2008', 'finland', '2008-01-01', '2008-12-31', 2008),
  appointed('finland-2008', 'Ilkka Kanerva', '2008-01-01', '2008-04-04'),
  appointed('finland-2008', 'Alexander Stubb', '2008-04-04', '2008-12-31'),
]) as Chairpersonship;
const names = (day: string) => viewOn(finland, day).inOffice.map((c) => c.name);

describe('a Chairpersonship on a day', () => {
  it('is upcoming, in office (both ends included), then ended', () => {
    expect(viewOn(finland, '2007-12-31').status).toBe('upcoming');
    expect(viewOn(finland, '2008-01-01').status).toBe('in-office');
    expect(viewOn(finland, '2008-12-31').status).toBe('in-office');
    expect(viewOn(finland, '2009-01-01').status).toBe('ended');
  });

  it('names the Chairperson(s)-in-Office on the day, both on a hand-over day', () => {
    expect(names('2008-02-01')).toEqual(['Ilkka Kanerva']);
    expect(names('2008-04-04')).toEqual(['Ilkka Kanerva', 'Alexander Stubb']);
    expect(names('2008-06-01')).toEqual(['Alexander Stubb']);
    expect(names('2009-06-01')).toEqual([]);
  });

  it('without an end date, serves until the next one starts or the Chairpersonship ends', () => {
    const open = foldChairpersonship([
      assumed('x-2030', 'x', '2030', '2030'),
      appointed('x-2030', 'First', '2030-01-01'),
      appointed('x-2030', 'Second', '2030-06-01'),
    ]) as Chairpersonship;
    expect(viewOn(open, '2030-05-31').inOffice.map((c) => c.name)).toEqual(['First']);
    expect(viewOn(open, '2030-06-02').inOffice.map((c) => c.name)).toEqual(['Second']);
    expect(viewOn(open, '2030-12-31').inOffice.map((c) => c.name)).toEqual(['Second']);
  });
});
