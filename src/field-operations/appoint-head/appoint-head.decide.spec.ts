import { given, knownRefs } from '../../../test/support/decider-spec';
import { AMG, amgClosed, amgEstablished } from '../../../test/support/field-operation-fixtures';
import { decideAppointHead } from './appoint-head.decide';

const appoint = { operationId: AMG, name: 'Hans-Georg Wieck', from: '1997-12' };
const refs = knownRefs({ decisions: ['PC.DEC/185'] });

describe('appoint a head', () => {
  it('records HeadAppointed', () => {
    given(amgEstablished)
      .when((state) => decideAppointHead(appoint, state, refs))
      .then([{ type: 'HeadAppointed', data: { ...appoint, decision: null } }]);
  });

  it('records the decision the appointment rests on', () => {
    given(amgEstablished)
      .when((state) => decideAppointHead({ ...appoint, decision: 'PC.DEC/185' }, state, refs))
      .then([{ type: 'HeadAppointed', data: { ...appoint, decision: 'PC.DEC/185' } }]);
  });

  it('refuses an unregistered decision', () => {
    given(amgEstablished)
      .when((state) => decideAppointHead({ ...appoint, decision: 'PC.DEC/1' }, state, refs))
      .thenRefuses('unknown-decision', 422, '/decision');
  });

  it('refuses an operation that does not exist', () => {
    given()
      .when((state) => decideAppointHead(appoint, state, refs))
      .thenRefuses('unknown-operation', 404);
  });

  it('refuses a closed operation', () => {
    given(amgEstablished, amgClosed)
      .when((state) => decideAppointHead(appoint, state, refs))
      .thenRefuses('operation-closed', 409);
  });
});
