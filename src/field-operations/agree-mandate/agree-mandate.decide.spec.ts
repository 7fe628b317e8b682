import { given, knownRefs } from '../../../test/support/decider-spec';
import { AMG, amgClosed, amgEstablished } from '../../../test/support/field-operation-fixtures';
import { decideAgreeMandate } from './agree-mandate.decide';

const refs = knownRefs({ decisions: ['PC.DEC/185'] });
const agree = {
  operationId: AMG,
  decision: 'PC.DEC/185',
  effectiveFrom: '1998-02-27',
  summary: 'Assist the Belarusian authorities',
};

describe('agree a mandate', () => {
  it('records MandateAgreed citing the decision', () => {
    given(amgEstablished)
      .when((state) => decideAgreeMandate({ ...agree, until: '1998-12' }, state, refs))
      .then([{ type: 'MandateAgreed', data: { ...agree, operationId: AMG, until: '1998-12' } }]);
  });

  it('refuses an until before the start', () => {
    given(amgEstablished)
      .when((state) => decideAgreeMandate({ ...agree, until: '1998-01-31' }, state, refs))
      .thenRefuses('mandate-ends-before-start', 422, '/until');
  });

  it('refuses an unregistered decision', () => {
    given(amgEstablished)
      .when((state) => decideAgreeMandate({ ...agree, decision: 'PC.DEC/2' }, state, refs))
      .thenRefuses('unknown-decision', 422, '/decision');
  });

  it('refuses a closed operation', () => {
    given(amgEstablished, amgClosed)
      .when((state) => decideAgreeMandate(agree, state, refs))
      .thenRefuses('operation-closed', 409);
  });
});
