import { AMG, amgClosed } from '../../../test/support/field-operation-fixtures';
import { factOf } from '../domain/events';
import { correctionEntryOf } from './correction-entry';

const correction = (changes: Record<string, unknown>) => ({
  operationId: AMG,
  corrects: 'e1',
  correctedType: 'GroupClosed',
  changes,
  reason: 'Press release',
});
const closure = factOf(amgClosed.type, amgClosed.data);

describe('history line of a correction', () => {
  it('names the field, the fact, the old and new value and the reason', () => {
    expect(correctionEntryOf(correction({ closedOn: '2002-11-30' }), closure)).toEqual({
      summary: 'Corrected closedOn of GroupClosed: 2002-12-31 -> 2002-11-30 (Press release)',
      effectiveOn: null,
      decision: null,
    });
  });

  it('lists each field when several change, showing lists and missing values', () => {
    const entry = correctionEntryOf(correction({ successors: [], decision: null }), closure);
    expect(entry.summary).toBe(
      'Corrected GroupClosed: successors [office-in-minsk] -> []; decision PC.DEC/526 -> none (Press release)',
    );
  });
});
