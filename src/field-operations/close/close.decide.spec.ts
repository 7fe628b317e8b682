import { given, knownRefs } from '../../../test/support/decider-spec';
import { AMG, amgClosed, amgEstablished } from '../../../test/support/field-operation-fixtures';
import { decideClose } from './close.decide';

const refs = knownRefs({ decisions: ['PC.DEC/526'], operations: ['office-in-minsk'] });
const close = {
  operationId: AMG,
  closedOn: '2002-12-31',
  reason: 'replaced' as const,
  decision: 'PC.DEC/526',
  successors: ['office-in-minsk'],
};

describe('close a field operation', () => {
  it('records GroupClosed for a group, citing the decision and naming the successor', () => {
    given(amgEstablished)
      .when((state) => decideClose(close, state, refs))
      .then([amgClosed]);
  });

  it('accepts a closure with no decision when no consensus was reached', () => {
    given(amgEstablished)
      .when((state) =>
        decideClose(
          { ...close, reason: 'no-consensus', decision: null, successors: [] },
          state,
          refs,
        ),
      )
      .then([
        {
          type: 'GroupClosed',
          data: { ...amgClosed.data, reason: 'no-consensus', decision: null, successors: [] },
        },
      ]);
  });

  it('refuses a closure before the establishment', () => {
    given(amgEstablished)
      .when((state) => decideClose({ ...close, closedOn: '1997' }, state, refs))
      .thenRefuses('closed-before-establishment', 422, '/closedOn');
  });

  it('accepts an imprecise closure that may fall after the establishment', () => {
    given(amgEstablished)
      .when((state) => decideClose({ ...close, closedOn: '1998' }, state, refs))
      .then([{ type: 'GroupClosed', data: { ...amgClosed.data, closedOn: '1998' } }]);
  });

  it('refuses to close an operation twice', () => {
    given(amgEstablished, amgClosed)
      .when((state) => decideClose(close, state, refs))
      .thenRefuses('operation-closed', 409);
  });

  it('refuses an operation that does not exist', () => {
    given()
      .when((state) => decideClose(close, state, refs))
      .thenRefuses('unknown-operation', 404);
  });

  it('refuses an unknown successor', () => {
    given(amgEstablished)
      .when((state) => decideClose({ ...close, successors: ['nowhere'] }, state, refs))
      .thenRefuses('unknown-operation', 422, '/successors/0');
  });

  it('refuses an unregistered decision', () => {
    given(amgEstablished)
      .when((state) => decideClose({ ...close, decision: 'PC.DEC/1' }, state, refs))
      .thenRefuses('unknown-decision', 422, '/decision');
  });

  it('refuses a decision on a closure for lack of consensus', () => {
    given(amgEstablished)
      .when((state) => decideClose({ ...close, reason: 'no-consensus' }, state, refs))
      .thenRefuses('decision-without-consensus', 422, '/decision');
  });

  it('refuses an operation as its own successor', () => {
    given(amgEstablished)
      .when((state) =>
        decideClose(
          { ...close, successors: [AMG] },
          state,
          knownRefs({ decisions: ['PC.DEC/526'], operations: [AMG] }),
        ),
      )
      .thenRefuses('self-reference', 422, '/successors/0');
  });
});
