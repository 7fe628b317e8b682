import { given, knownRefs } from '../../../test/support/decider-spec';
import {
  AMG,
  amgClosed,
  amgEstablished,
  amgMandate,
} from '../../../test/support/field-operation-fixtures';
import { decideExtendMandate } from './extend-mandate.decide';

const refs = knownRefs({ decisions: ['PC.DEC/300'] });
const extend = { operationId: AMG, decision: 'PC.DEC/300', until: '2000-12-31' };

describe('extend a mandate', () => {
  it('records MandateExtended citing the decision', () => {
    given(amgEstablished, amgMandate)
      .when((state) => decideExtendMandate(extend, state, refs))
      .then([{ type: 'MandateExtended', data: extend }]);
  });

  it('refuses when there is no mandate to extend', () => {
    given(amgEstablished)
      .when((state) => decideExtendMandate(extend, state, refs))
      .thenRefuses('no-mandate', 409);
  });

  it('refuses an until before the mandate started', () => {
    given(amgEstablished, amgMandate)
      .when((state) => decideExtendMandate({ ...extend, until: '1997' }, state, refs))
      .thenRefuses('mandate-ends-before-start', 422, '/until');
  });

  it('refuses an unregistered decision', () => {
    given(amgEstablished, amgMandate)
      .when((state) => decideExtendMandate({ ...extend, decision: 'PC.DEC/9' }, state, refs))
      .thenRefuses('unknown-decision', 422, '/decision');
  });

  it('refuses a closed operation', () => {
    given(amgEstablished, amgMandate, amgClosed)
      .when((state) => decideExtendMandate(extend, state, refs))
      .thenRefuses('operation-closed', 409);
  });
});
