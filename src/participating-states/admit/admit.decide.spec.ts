import { DomainError } from '../../shared/domain/domain-error';
import { evolveState } from '../domain/participating-state';
import { decideAdmit } from './admit.decide';

const belarus = { id: 'belarus', name: 'Belarus', admittedOn: '1992-01-30' };

describe('admit a participating State', () => {
  it('given no State, records ParticipatingStateAdmitted', () => {
    expect(decideAdmit(belarus, undefined)).toEqual([
      {
        type: 'ParticipatingStateAdmitted',
        data: { stateId: 'belarus', name: 'Belarus', admittedOn: '1992-01-30' },
      },
    ]);
  });

  it('given the State was admitted, refuses a second admission', () => {
    const [admitted] = decideAdmit(belarus, undefined);
    const state = evolveState(undefined, admitted);
    expect(() => decideAdmit(belarus, state)).toThrow(DomainError);
    expect(() => decideAdmit(belarus, state)).toThrow(/already registered/);
  });
});
