import { given } from '../../../test/support/decider-spec';
import { AMG, amgClosed, amgEstablished } from '../../../test/support/field-operation-fixtures';
import { decideAppointHead } from './appoint-head.decide';

const appoint = { operationId: AMG, name: 'Hans-Georg Wieck', from: '1997-12' };

describe('appoint a head', () => {
  it('records HeadAppointed', () => {
    given(amgEstablished)
      .when((state) => decideAppointHead(appoint, state))
      .then([{ type: 'HeadAppointed', data: appoint }]);
  });

  it('refuses an operation that does not exist', () => {
    given()
      .when((state) => decideAppointHead(appoint, state))
      .thenRefuses('unknown-operation', 404);
  });

  it('refuses a closed operation', () => {
    given(amgEstablished, amgClosed)
      .when((state) => decideAppointHead(appoint, state))
      .thenRefuses('operation-closed', 409);
  });
});
