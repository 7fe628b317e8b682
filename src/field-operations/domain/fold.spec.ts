import { AMG, amgClosed, amgEstablished } from '../../../test/support/field-operation-fixtures';
import { fold } from './fold';

const established = { id: 'e0', ...amgEstablished };
const closed = { id: 'e1', ...amgClosed };
const correction = (changes: Record<string, unknown>, corrects = 'e1') => ({
  type: 'FactCorrected',
  data: { operationId: AMG, corrects, correctedType: 'GroupClosed', changes, reason: 'typo' },
});

describe('fold with corrections', () => {
  it('applies a correction to the fact it names, leaving the stored event as it was', () => {
    const state = fold([established, closed, correction({ closedOn: '2002-11' })]);
    expect(state?.closure).toMatchObject({ closedOn: '2002-11', reason: 'replaced' });
    expect(closed.data.closedOn).toBe('2002-12-31');
  });

  it('lets a later correction of a field win and keeps the other fields of earlier ones', () => {
    const state = fold([
      established,
      closed,
      correction({ closedOn: '2002-11', reason: 'other' }),
      correction({ closedOn: '2002-10' }),
      correction({ name: 'OSCE AMG' }, 'e0'),
    ]);
    expect(state?.closure).toMatchObject({ closedOn: '2002-10', reason: 'other' });
    expect(state?.names).toEqual([
      expect.objectContaining({ name: 'OSCE AMG', from: '1998-02-27' }),
    ]);
  });

  it('ignores a correction of an event it does not hold', () => {
    expect(
      fold([established, closed, correction({ closedOn: '2001' }, 'zz')])?.closure?.closedOn,
    ).toBe('2002-12-31');
  });
});
