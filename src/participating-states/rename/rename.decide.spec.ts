import { admitted, dissolved, givenState, renamed } from '../../../test/support/state-decider-spec';
import { decideRename } from './rename.decide';

const fry = admitted('serbia-and-montenegro', 'Federal Republic of Yugoslavia', '2000-11-10');
const rename = {
  id: 'serbia-and-montenegro',
  name: 'Serbia and Montenegro',
  effectiveOn: '2003-02-04',
};

describe('rename a participating State', () => {
  it('given a State, records ParticipatingStateRenamed', () => {
    givenState(fry)
      .when((state) => decideRename(rename, state))
      .then([renamed('serbia-and-montenegro', 'Serbia and Montenegro', '2003-02-04')]);
  });

  it('refuses a name already in force on that date (a repeated renaming)', () => {
    givenState(fry, renamed('serbia-and-montenegro', 'Serbia and Montenegro', '2003-02-04'))
      .when((state) => decideRename(rename, state))
      .thenRefuses('already-named', 409, '/name');
  });

  it('refuses a renaming before admission', () => {
    givenState(fry)
      .when((state) => decideRename({ ...rename, effectiveOn: '1999' }, state))
      .thenRefuses('before-admission', 422, '/effectiveOn');
  });

  it('refuses an unknown State (404) and a dissolved one (409)', () => {
    givenState()
      .when((state) => decideRename(rename, state))
      .thenRefuses('unknown-state', 404);
    givenState(fry, dissolved('serbia-and-montenegro', '2006-06-03'))
      .when((state) => decideRename(rename, state))
      .thenRefuses('state-dissolved', 409);
  });
});
