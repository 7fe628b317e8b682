import { given, knownRefs } from '../../../test/support/decider-spec';
import { AMG, amgClosed, amgEstablished } from '../../../test/support/field-operation-fixtures';
import { decideChangeHostStates } from './change-host-states.decide';

const refs = knownRefs({ states: ['belarus', 'russian-federation'], decisions: ['PC.DEC/300'] });
const change = {
  operationId: AMG,
  hostStates: ['belarus', 'russian-federation'],
  effectiveOn: '2001-06-01',
};

describe('change the host States of a field operation', () => {
  it('records HostStatesChanged, citing the decision', () => {
    given(amgEstablished)
      .when((state) => decideChangeHostStates({ ...change, decision: 'PC.DEC/300' }, state, refs))
      .then([{ type: 'HostStatesChanged', data: { ...change, decision: 'PC.DEC/300' } }]);
  });

  it('refuses a State that is not registered, pointing at it', () => {
    given(amgEstablished)
      .when((state) =>
        decideChangeHostStates({ ...change, hostStates: ['belarus', 'atlantis'] }, state, refs),
      )
      .thenRefuses('unknown-state', 422, '/hostStates/1');
  });

  it('refuses the host States already in force on that date, in any order', () => {
    given(amgEstablished)
      .when((state) => decideChangeHostStates({ ...change, hostStates: ['belarus'] }, state, refs))
      .thenRefuses('host-states-unchanged', 422, '/hostStates');
  });

  it('refuses no host State at all', () => {
    given(amgEstablished)
      .when((state) => decideChangeHostStates({ ...change, hostStates: [] }, state, refs))
      .thenRefuses('host-states-required', 422, '/hostStates');
  });

  it('refuses a change before the establishment, and on a closed operation', () => {
    given(amgEstablished)
      .when((state) => decideChangeHostStates({ ...change, effectiveOn: '1998-01' }, state, refs))
      .thenRefuses('host-states-changed-before-establishment', 422, '/effectiveOn');
    given(amgEstablished, amgClosed)
      .when((state) => decideChangeHostStates(change, state, refs))
      .thenRefuses('operation-closed', 409);
  });
});
