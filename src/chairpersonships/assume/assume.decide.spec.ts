import { assumed } from '../../../test/support/chairpersonship-fixtures';
import { admitted, dissolved } from '../../../test/support/state-decider-spec';
import { foldState } from '../../participating-states/domain/participating-state';
import { DomainError } from '../../shared/domain/domain-error';
import { foldChairpersonship } from '../domain/chairpersonship';
import { type AssumeChairpersonship, decideAssume } from './assume.decide';

const finland = foldState([admitted('finland', 'Finland', '1973-06-25')]);
const czechoslovakia = foldState([
  admitted('czechoslovakia', 'Czechoslovakia', '1973-06-25'),
  dissolved('czechoslovakia', '1992-12-31', []),
]);
const finland2008: AssumeChairpersonship = {
  id: 'finland-2008',
  state: 'finland',
  year: 2008,
  from: '2008-01-01',
  to: '2008-12-31',
};

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a refusal');
};

describe('assume a Chairpersonship', () => {
  it('given a registered State, records ChairpersonshipAssumed', () => {
    expect(decideAssume(finland2008, undefined, finland)).toEqual([
      assumed('finland-2008', 'finland', '2008-01-01', '2008-12-31', 2008),
    ]);
  });

  it('accepts a period across years with the year principally covered (Sweden, 1993)', () => {
    const sweden = {
      ...finland2008,
      id: 'sweden-1993',
      year: 1993,
      from: '1992-12-14',
      to: '1993-11-30',
    };
    expect(decideAssume(sweden, undefined, finland)[0].data).toMatchObject({ year: 1993 });
  });

  it('refuses a second record of the same Chairpersonship', () => {
    const state = foldChairpersonship([
      assumed('finland-2008', 'finland', '2008-01-01', '2008-12-31'),
    ]);
    expect(refusal(() => decideAssume(finland2008, state, finland))).toMatchObject({
      code: 'already-assumed',
      status: 409,
      pointer: '/id',
    });
  });

  it.each([
    ['an unregistered State', { state: 'atlantis' }, undefined, 'unknown-state', '/state'],
    ['an end before the start', { to: '2007-12-31' }, finland, 'ends-before-start', '/to'],
    ['a year outside the period', { year: 2009 }, finland, 'year-outside-period', '/year'],
    [
      'a State dissolved before',
      { state: 'czechoslovakia' },
      czechoslovakia,
      'state-dissolved',
      '/state',
    ],
    [
      'a State not yet participating',
      { from: '1970', to: '1972', year: 1971 },
      finland,
      'state-not-yet-participating',
      '/from',
    ],
  ])('refuses %s (422)', (_, change, chair, code, pointer) => {
    const error = refusal(() => decideAssume({ ...finland2008, ...change }, undefined, chair));
    expect(error).toMatchObject({ code, status: 422, pointer });
  });
});
