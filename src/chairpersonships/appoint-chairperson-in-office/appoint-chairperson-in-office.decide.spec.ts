import { appointed, assumed } from '../../../test/support/chairpersonship-fixtures';
import { DomainError } from '../../shared/domain/domain-error';
import { foldChairpersonship } from '../domain/chairpersonship';
import { decideAppointChairpersonInOffice } from './appoint-chairperson-in-office.decide';

const finland2008 = assumed('finland-2008', 'finland', '2008-01-01', '2008-12-31', 2008);
const stubb = {
  id: 'finland-2008',
  name: 'Alexander Stubb',
  role: 'Minister for Foreign Affairs',
  from: '2008-04-04',
  to: '2008-12-31',
};

const given = (...events: Array<{ type: string; data: unknown }>) => foldChairpersonship(events);
const refusal = (run: () => unknown): DomainError => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a refusal');
};

describe('appoint a Chairperson-in-Office', () => {
  it('given the Chairpersonship, records ChairpersonInOfficeAppointed', () => {
    const state = given(
      finland2008,
      appointed('finland-2008', 'Ilkka Kanerva', '2008-01-01', '2008-04-04'),
    );
    expect(decideAppointChairpersonInOffice(stubb, state)).toEqual([
      appointed(
        'finland-2008',
        'Alexander Stubb',
        '2008-04-04',
        '2008-12-31',
        'Minister for Foreign Affairs',
      ),
    ]);
  });

  it('records the dates as taken from the period when the source has none', () => {
    const [event] = decideAppointChairpersonInOffice(
      { id: 'finland-2008', name: 'Ilkka Kanerva', from: '2008-01-01', datesFromPeriod: true },
      given(finland2008),
    );
    expect(event.data).toMatchObject({ to: null, role: null, datesFromPeriod: true });
  });

  it('refuses an unrecorded Chairpersonship (404)', () => {
    expect(refusal(() => decideAppointChairpersonInOffice(stubb, undefined))).toMatchObject({
      code: 'unknown-chairpersonship',
      status: 404,
    });
  });

  it('refuses the same person from the same date twice (409)', () => {
    const state = given(finland2008, appointed('finland-2008', 'Alexander Stubb', '2008-04-04'));
    expect(refusal(() => decideAppointChairpersonInOffice(stubb, state))).toMatchObject({
      code: 'already-appointed',
      status: 409,
    });
  });

  it.each([
    [
      'a start before the Chairpersonship',
      { from: '2007-12-31' },
      'outside-chairpersonship',
      '/from',
    ],
    ['a start after it', { from: '2009-01', to: null }, 'outside-chairpersonship', '/from'],
    ['an end after it', { to: '2009' }, 'outside-chairpersonship', '/to'],
    ['an end before the start', { to: '2008-04-03' }, 'ends-before-start', '/to'],
  ])('refuses %s (422)', (_, change, code, pointer) => {
    const error = refusal(() =>
      decideAppointChairpersonInOffice({ ...stubb, ...change }, given(finland2008)),
    );
    expect(error).toMatchObject({ code, status: 422, pointer });
  });
});
