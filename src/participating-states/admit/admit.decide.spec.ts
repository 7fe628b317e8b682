import { admitted, givenState } from '../../../test/support/state-decider-spec';
import { decideAdmit } from './admit.decide';

const belarus = { id: 'belarus', name: 'Belarus', admittedOn: '1992-01-30' };
const sources = ['https://www.osce.org/who/timeline/1990s/05'];

describe('admit a participating State', () => {
  it('given no State, records ParticipatingStateAdmitted', () => {
    givenState()
      .when((state) => decideAdmit(belarus, state))
      .then([admitted('belarus', 'Belarus', '1992-01-30')]);
  });

  it('keeps the provenance given, in its stored shape', () => {
    givenState()
      .when((state) =>
        decideAdmit({ ...belarus, provenance: { sources, confidence: { all: 'high' } } }, state),
      )
      .then([
        {
          type: 'ParticipatingStateAdmitted',
          data: {
            stateId: 'belarus',
            name: 'Belarus',
            admittedOn: '1992-01-30',
            provenance: { sources, confidence: { all: 'high' }, conflicts: [], notes: [] },
          },
        },
      ]);
  });

  it('refuses provenance out of bounds (an empty source), pointing at it', () => {
    givenState()
      .when((state) => decideAdmit({ ...belarus, provenance: { sources: [''] } }, state))
      .thenRefuses('validation-failed', 422, '/provenance/sources/0');
  });

  it('given the State was admitted, refuses a second admission', () => {
    givenState(admitted('belarus', 'Belarus', '1992-01-30'))
      .when((state) => decideAdmit(belarus, state))
      .thenRefuses('already-admitted', 409, '/id');
  });

  it('given the id continues another State, refuses an admission under it', () => {
    givenState({
      type: 'ParticipationContinued',
      data: { stateId: 'belarus', name: 'Belarus', continuedOn: '1991', continues: 'x' },
    })
      .when((state) => decideAdmit(belarus, state))
      .thenRefuses('already-admitted', 409);
  });
});
