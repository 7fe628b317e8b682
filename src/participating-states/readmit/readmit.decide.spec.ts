import {
  admitted,
  dissolved,
  givenState,
  readmitted,
  suspended,
} from '../../../test/support/state-decider-spec';
import { decideReadmit } from './readmit.decide';

const sfry = admitted('yugoslavia', 'Socialist Federal Republic of Yugoslavia', '1973-06-25');
const readmit = { id: 'yugoslavia', readmittedOn: '2000-11-10' };

describe('readmit a suspended State', () => {
  it('given a suspended State, records ParticipatingStateReadmitted', () => {
    givenState(sfry, suspended('yugoslavia', '1992-07-08'))
      .when((state) => decideReadmit(readmit, state))
      .then([readmitted('yugoslavia', '2000-11-10')]);
  });

  it('refuses a State that is not suspended', () => {
    givenState(sfry)
      .when((state) => decideReadmit(readmit, state))
      .thenRefuses('not-suspended', 409);
  });

  it('refuses a second readmission', () => {
    givenState(sfry, suspended('yugoslavia', '1992-07-08'), readmitted('yugoslavia', '1995'))
      .when((state) => decideReadmit(readmit, state))
      .thenRefuses('not-suspended', 409);
  });

  it('refuses a readmission before the suspension', () => {
    givenState(sfry, suspended('yugoslavia', '1992-07-08'))
      .when((state) => decideReadmit({ id: 'yugoslavia', readmittedOn: '1992-07-07' }, state))
      .thenRefuses('readmitted-before-suspension', 422, '/readmittedOn');
  });

  it('refuses an unknown State (404) and a dissolved one (409)', () => {
    givenState()
      .when((state) => decideReadmit(readmit, state))
      .thenRefuses('unknown-state', 404);
    givenState(sfry, suspended('yugoslavia', '1992-07-08'), dissolved('yugoslavia', '1993'))
      .when((state) => decideReadmit(readmit, state))
      .thenRefuses('state-dissolved', 409);
  });
});
