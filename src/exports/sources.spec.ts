import type { DecisionEntry } from '../decisions/read/decision-entry';
import type { HistoryItem } from '../field-operations/read/history-item';
import { sourcesOf } from './sources';

const item = (summary: string, data: object, decision: string | null = null) =>
  ({ summary, data, decision }) as unknown as HistoryItem;

const pcDec526 = {
  reference: 'PC.DEC/526',
  title: 'Establishment of the OSCE Office in Minsk',
  sourceUrl: 'https://www.osce.org/minsk/43444',
} as DecisionEntry;

describe('sourcesOf', () => {
  it('collects the URLs facts carry and those of the decisions they cite, each once, in order', () => {
    const history = [
      item('Office established', { sourceUrl: 'https://example.org/a' }, 'PC.DEC/526'),
      item('Mandate agreed', {
        provenance: {
          sources: ['https://example.org/b', 'Annual Report 2003, p. 12', 'https://example.org/a'],
        },
      }),
      item('Mandate extended', {}, 'PC.DEC/999'),
    ];
    expect(sourcesOf(history, new Map([[pcDec526.reference, pcDec526]]))).toEqual([
      { url: 'https://example.org/a', note: 'Office established' },
      {
        url: 'https://www.osce.org/minsk/43444',
        note: 'PC.DEC/526: Establishment of the OSCE Office in Minsk',
      },
      { url: 'https://example.org/b', note: 'Mandate agreed' },
    ]);
  });

  it('gives none for a history without sources', () => {
    expect(sourcesOf([item('Group established', { sourceUrl: null })], new Map())).toEqual([]);
  });
});
