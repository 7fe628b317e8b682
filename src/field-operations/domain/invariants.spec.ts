import {
  AMG,
  amgClosed,
  amgEstablished,
  amgMandate,
} from '../../../test/support/field-operation-fixtures';
import { fold } from './fold';
import { violationsOf } from './invariants';

const codes = (...events: Array<{ type: string; data: unknown }>) =>
  violationsOf(fold(events)!).map((v) => v.code);

/** The rules a whole state must satisfy (what corrections are checked against). */
describe('field-operation invariants', () => {
  it('finds nothing wrong with the seed case', () => {
    expect(codes(amgEstablished, amgMandate, amgClosed)).toEqual([]);
  });

  it('finds a host State or a successor named twice', () => {
    const hosts = { ...amgEstablished.data, hostStates: ['belarus', 'belarus'] };
    expect(codes({ ...amgEstablished, data: hosts })).toEqual(['duplicate-reference']);
    const successors = { ...amgClosed.data, successors: ['office-in-minsk', 'office-in-minsk'] };
    expect(codes(amgEstablished, { ...amgClosed, data: successors })).toEqual([
      'duplicate-reference',
    ]);
  });

  it('finds every rule broken, in order', () => {
    const head = { type: 'HeadAppointed', data: { operationId: AMG, name: 'Y', from: '2005' } };
    const closed = { ...amgClosed, data: { ...amgClosed.data, reason: 'no-consensus' } };
    expect(codes(amgEstablished, head, closed)).toEqual([
      'closed-before-recorded-fact',
      'decision-without-consensus',
    ]);
  });
});
