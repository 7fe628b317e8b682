import { factOf, typeOf } from './events';
import { KINDS } from './kinds';

describe('factOf', () => {
  const facts = [
    'established',
    'mandate-agreed',
    'mandate-extended',
    'renamed',
    'head-appointed',
    'seat-changed',
    'host-states-changed',
    'note-recorded',
    'closed',
  ] as const;

  it('reads back every type name a fact is stored under, for every kind', () => {
    const data = { operationId: 'x' };
    for (const kind of KINDS) {
      for (const fact of facts) {
        expect(factOf(typeOf(fact, kind), data)).toEqual({ fact, data });
      }
    }
  });

  it('reads nothing else as a field-operation fact', () => {
    for (const type of ['DecisionRecorded', 'MissionEstablishedX', 'Established', 'closed', '']) {
      expect(factOf(type, {})).toBeUndefined();
    }
  });
});
