import { given, knownRefs } from '../../../test/support/decider-spec';
import { AMG, amgClosed, amgEstablished } from '../../../test/support/field-operation-fixtures';
import { decideChangeSeat } from './change-seat.decide';

const refs = knownRefs({ decisions: ['PC.DEC/300'] });
const move = { operationId: AMG, seat: 'Vitebsk', effectiveOn: '2000-03' };
const provenance = { sources: ['https://www.osce.org/belarus'], notes: ['Moved in March 2000'] };

describe('change the seat of a field operation', () => {
  it('records SeatChanged with its date, no decision when none is cited', () => {
    given(amgEstablished)
      .when((state) => decideChangeSeat(move, state, refs))
      .then([{ type: 'SeatChanged', data: { ...move, decision: null } }]);
  });

  it('keeps the decision and the provenance in its stored shape', () => {
    given(amgEstablished)
      .when((state) =>
        decideChangeSeat({ ...move, decision: 'PC.DEC/300', provenance }, state, refs),
      )
      .then([
        {
          type: 'SeatChanged',
          data: {
            ...move,
            decision: 'PC.DEC/300',
            provenance: { ...provenance, confidence: {}, conflicts: [] },
          },
        },
      ]);
  });

  it('refuses the seat already in force on that date', () => {
    given(amgEstablished)
      .when((state) => decideChangeSeat({ ...move, seat: 'Minsk' }, state, refs))
      .thenRefuses('seat-unchanged', 422, '/seat');
  });

  it('refuses a change before the establishment', () => {
    given(amgEstablished)
      .when((state) => decideChangeSeat({ ...move, effectiveOn: '1997' }, state, refs))
      .thenRefuses('seat-changed-before-establishment', 422, '/effectiveOn');
  });

  it('refuses an unregistered decision, a closed and an unknown operation', () => {
    given(amgEstablished)
      .when((state) => decideChangeSeat({ ...move, decision: 'PC.DEC/1' }, state, refs))
      .thenRefuses('unknown-decision', 422, '/decision');
    given(amgEstablished, amgClosed)
      .when((state) => decideChangeSeat(move, state, refs))
      .thenRefuses('operation-closed', 409);
    given()
      .when((state) => decideChangeSeat(move, state, refs))
      .thenRefuses('unknown-operation', 404);
  });

  it('refuses provenance out of bounds, pointing at the value', () => {
    given(amgEstablished)
      .when((state) =>
        decideChangeSeat({ ...move, provenance: { sources: ['ok', ' '] } }, state, refs),
      )
      .thenRefuses('validation-failed', 422, '/provenance/sources/1');
  });
});
