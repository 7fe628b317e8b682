import { given, knownRefs } from '../../../test/support/decider-spec';
import { AMG, amgClosed, amgEstablished } from '../../../test/support/field-operation-fixtures';
import { fold } from '../domain/fold';
import { decideClose } from './close.decide';

const refs = knownRefs({ decisions: ['PC.DEC/526'], operations: ['office-in-minsk'] });
const later = (type: string, data: Record<string, unknown>) => ({
  type,
  data: { operationId: AMG, decision: null, ...data },
});
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

  it.each([
    [
      'a renaming',
      later('FieldOperationRenamed', { name: 'X', kind: 'office', effectiveOn: '2003' }),
    ],
    ['a seat change', later('SeatChanged', { seat: 'Vitebsk', effectiveOn: '2003-01-01' })],
    [
      'a host States change',
      later('HostStatesChanged', { hostStates: ['x'], effectiveOn: '2004' }),
    ],
    ['a head appointment', later('HeadAppointed', { name: 'Y', from: '2003-02' })],
    ['a mandate', later('MandateAgreed', { summary: 'S', effectiveFrom: '2003', until: null })],
  ])('refuses a closure before %s already recorded to take effect after it', (_, fact) => {
    given(amgEstablished, fact)
      .when((state) => decideClose(close, state, refs))
      .thenRefuses('closed-before-recorded-fact', 422, '/closedOn');
  });

  it('names the later fact in the refusal', () => {
    const renamed = later('FieldOperationRenamed', {
      name: 'X',
      kind: 'office',
      effectiveOn: '2010',
    });
    expect(() => decideClose(close, fold([amgEstablished, renamed]), refs)).toThrow(
      'Closure on 2002-12-31 is before the renaming to "X", effective 2010',
    );
  });

  it('accepts a closure on the day of a later fact, or in the same imprecise period', () => {
    const renamed = later('FieldOperationRenamed', {
      name: 'X',
      kind: 'advisory-and-monitoring-group',
      effectiveOn: '2002-12-31',
    });
    const head = later('HeadAppointed', { name: 'Y', from: '2002' });
    given(amgEstablished, renamed, head)
      .when((state) => decideClose(close, state, refs))
      .then([amgClosed]);
  });

  it('refuses a successor named twice', () => {
    given(amgEstablished)
      .when((state) =>
        decideClose({ ...close, successors: ['office-in-minsk', 'office-in-minsk'] }, state, refs),
      )
      .thenRefuses('duplicate-reference', 422, '/successors/1');
  });

  it('refuses a predecessor as successor (the two would succeed each other)', () => {
    const withPredecessor = {
      ...amgEstablished,
      data: { ...amgEstablished.data, predecessors: ['office-in-minsk'] },
    };
    given(withPredecessor)
      .when((state) => decideClose(close, state, refs))
      .thenRefuses('succession-cycle', 422, '/successors/0');
  });
});
