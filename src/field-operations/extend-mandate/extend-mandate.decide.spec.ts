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

  const until = (date: string | null) => ({
    ...amgMandate,
    data: { ...amgMandate.data, until: date },
  });
  const extended = (date: string) => ({
    type: 'MandateExtended',
    data: { ...extend, until: date },
  });

  it.each([
    ['earlier than', '2001-12-31', '2000-12-31'],
    ['the same as', '2000-12-31', '2000-12-31'],
    ['the same imprecise date as', '2000', '2000'],
    ['in the period of an imprecise', '2000-12-31', '2000-12'],
  ])('refuses an "extension" %s the mandate until', (_, current, date) => {
    given(amgEstablished, until(current))
      .when((state) => decideExtendMandate({ ...extend, until: date }, state, refs))
      .thenRefuses('extension-not-later', 422, '/until');
  });

  it('compares with the latest extension, not the mandate as first agreed', () => {
    given(amgEstablished, until('1999-12-31'), extended('2001-12-31'))
      .when((state) => decideExtendMandate(extend, state, refs))
      .thenRefuses('extension-not-later', 422, '/until');
    given(amgEstablished, until('1999-12-31'), extended('2000-06-30'))
      .when((state) => decideExtendMandate(extend, state, refs))
      .then([{ type: 'MandateExtended', data: extend }]);
  });

  it('accepts an extension that may end later than an imprecise until', () => {
    given(amgEstablished, until('2000'))
      .when((state) => decideExtendMandate({ ...extend, until: '2000-12-31' }, state, refs))
      .then([{ type: 'MandateExtended', data: { ...extend, until: '2000-12-31' } }]);
  });
});
