import {
  admitted,
  continued,
  dissolved,
  givenState,
  otherStates,
  suspended,
} from '../../../test/support/state-decider-spec';
import { decideDissolve } from './dissolve.decide';

const czechoslovakia = admitted('czechoslovakia', 'Czechoslovakia', '1973-06-25');
const ussr = admitted('soviet-union', 'Union of Soviet Socialist Republics', '1973-06-25');
const successors = otherStates({
  czechia: [admitted('czechia', 'Czechia', '1993-01-01')],
  slovakia: [admitted('slovakia', 'Slovakia', '1993-01-01')],
  'russian-federation': [
    continued('russian-federation', 'Russian Federation', '1991', 'soviet-union'),
  ],
});
const split = {
  id: 'czechoslovakia',
  dissolvedOn: '1992-12-31',
  successors: ['czechia', 'slovakia'],
};

describe('dissolve a participating State', () => {
  it('given registered successors, records ParticipatingStateDissolved', () => {
    givenState(czechoslovakia)
      .when((state) => decideDissolve(split, state, successors))
      .then([dissolved('czechoslovakia', '1992-12-31', ['czechia', 'slovakia'])]);
  });

  it('names the successor continuing its participation (the USSR by the Russian Federation)', () => {
    const command = {
      id: 'soviet-union',
      dissolvedOn: '1991',
      successors: ['russian-federation'],
      continuedBy: 'russian-federation',
    };
    givenState(ussr)
      .when((state) => decideDissolve(command, state, successors))
      .then([dissolved('soviet-union', '1991', ['russian-federation'], 'russian-federation')]);
  });

  it('dissolves a suspended State', () => {
    givenState(czechoslovakia, suspended('czechoslovakia', '1992'))
      .when((state) => decideDissolve(split, state, successors))
      .then([dissolved('czechoslovakia', '1992-12-31', ['czechia', 'slovakia'])]);
  });

  it('refuses an unregistered successor, pointing at it', () => {
    givenState(czechoslovakia)
      .when((state) =>
        decideDissolve({ ...split, successors: ['czechia', 'moravia'] }, state, successors),
      )
      .thenRefuses('unknown-state', 422, '/successors/1');
  });

  it('refuses itself as successor', () => {
    givenState(czechoslovakia)
      .when((state) =>
        decideDissolve({ ...split, successors: ['czechoslovakia'] }, state, successors),
      )
      .thenRefuses('self-reference', 422, '/successors/0');
  });

  it('refuses a continuator that is not a successor', () => {
    givenState(czechoslovakia)
      .when((state) =>
        decideDissolve(
          { ...split, successors: ['czechia'], continuedBy: 'slovakia' },
          state,
          successors,
        ),
      )
      .thenRefuses('continuator-not-successor', 422, '/continuedBy');
  });

  it('refuses a continuator not recorded as continuing it', () => {
    givenState(czechoslovakia)
      .when((state) => decideDissolve({ ...split, continuedBy: 'czechia' }, state, successors))
      .thenRefuses('not-continuing', 422, '/continuedBy');
  });

  it('refuses a dissolution before admission', () => {
    givenState(czechoslovakia)
      .when((state) => decideDissolve({ ...split, dissolvedOn: '1972' }, state, successors))
      .thenRefuses('before-admission', 422, '/dissolvedOn');
  });

  it('refuses a second dissolution (409) and an unknown State (404)', () => {
    givenState(czechoslovakia, dissolved('czechoslovakia', '1992-12-31'))
      .when((state) => decideDissolve(split, state, successors))
      .thenRefuses('state-dissolved', 409);
    givenState()
      .when((state) => decideDissolve(split, state, successors))
      .thenRefuses('unknown-state', 404);
  });
});
