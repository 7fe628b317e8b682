import {
  admitted,
  dissolved,
  givenState,
  readmitted,
  suspended,
} from '../../../test/support/state-decider-spec';
import { decideSuspend } from './suspend.decide';

const sfry = admitted('yugoslavia', 'Socialist Federal Republic of Yugoslavia', '1973-06-25');
const suspend = { id: 'yugoslavia', suspendedOn: '1992-07-08' };

describe('suspend a participating State', () => {
  it('given a participating State, records ParticipatingStateSuspended', () => {
    givenState(sfry)
      .when((state) => decideSuspend(suspend, state))
      .then([suspended('yugoslavia', '1992-07-08')]);
  });

  it('suspends again after a readmission', () => {
    givenState(sfry, suspended('yugoslavia', '1992-07-08'), readmitted('yugoslavia', '1995'))
      .when((state) => decideSuspend({ id: 'yugoslavia', suspendedOn: '1999' }, state))
      .then([suspended('yugoslavia', '1999')]);
  });

  it('refuses an unknown State (404)', () => {
    givenState()
      .when((state) => decideSuspend(suspend, state))
      .thenRefuses('unknown-state', 404);
  });

  it('refuses a State already suspended', () => {
    givenState(sfry, suspended('yugoslavia', '1992-07-08'))
      .when((state) => decideSuspend(suspend, state))
      .thenRefuses('already-suspended', 409);
  });

  it('refuses a dissolved State', () => {
    givenState(sfry, dissolved('yugoslavia', '1992-04-27'))
      .when((state) => decideSuspend(suspend, state))
      .thenRefuses('state-dissolved', 409);
  });

  it('refuses a suspension before admission', () => {
    givenState(sfry)
      .when((state) => decideSuspend({ id: 'yugoslavia', suspendedOn: '1973-05' }, state))
      .thenRefuses('before-admission', 422, '/suspendedOn');
  });

  it('refuses a suspension before the last readmission', () => {
    givenState(sfry, suspended('yugoslavia', '1992-07-08'), readmitted('yugoslavia', '1995-03'))
      .when((state) => decideSuspend({ id: 'yugoslavia', suspendedOn: '1994' }, state))
      .thenRefuses('before-readmission', 422, '/suspendedOn');
  });
});
