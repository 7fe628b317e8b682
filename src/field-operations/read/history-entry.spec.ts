import { AMG, amgClosed, amgEstablished } from '../../../test/support/field-operation-fixtures';
import { fold } from '../domain/fold';
import { factOf } from '../domain/events';
import { historyEntryOf, shorten } from './history-entry';

const amg = fold([amgEstablished]);
const entry = (type: string, data: unknown, before = amg) =>
  historyEntryOf(type, factOf(type, data)!, before);

describe('history summaries', () => {
  it('names the family and the operation on establishment and closure', () => {
    expect(entry(amgEstablished.type, amgEstablished.data, undefined)).toEqual({
      summary: 'Group established: OSCE Advisory and Monitoring Group in Belarus',
      effectiveOn: '1998-02-27',
      decision: null,
    });
    expect(entry(amgClosed.type, amgClosed.data)).toEqual({
      summary: 'Group closed (replaced): OSCE Advisory and Monitoring Group in Belarus',
      effectiveOn: '2002-12-31',
      decision: 'PC.DEC/526',
    });
    expect(
      entry('ProjectCoordinatorEstablished', {
        ...amgEstablished.data,
        name: 'OSCE Project Co-ordinator in Ukraine',
        kind: 'project-co-ordinator',
      }).summary,
    ).toBe('Project co-ordinator established: OSCE Project Co-ordinator in Ukraine');
  });

  it('quotes a mandate shortened, and cites the decision when there is one', () => {
    const long = `to assist ${'the Government '.repeat(20)}`;
    const agreed = entry('MandateAgreed', {
      operationId: AMG,
      decision: 'PC.DEC/526',
      effectiveFrom: '2003-01-01',
      summary: long,
      until: null,
    });
    expect(agreed.summary).toMatch(
      /^Mandate agreed \(PC\.DEC\/526\): to assist the Government .*Government…$/,
    );
    expect(agreed.effectiveOn).toBe('2003-01-01');
    const short = entry('MandateAgreed', {
      operationId: AMG,
      decision: null,
      effectiveFrom: '1998',
      summary: 'Monitor',
      until: null,
    });
    expect(short.summary).toBe('Mandate agreed: Monitor');
  });

  it('has no effective date for a mandate extension', () => {
    expect(
      entry('MandateExtended', { operationId: AMG, decision: 'PC.DEC/589', until: '2004-12-31' }),
    ).toEqual({
      summary: 'Mandate extended until 2004-12-31 (PC.DEC/589)',
      effectiveOn: null,
      decision: 'PC.DEC/589',
    });
  });

  it('summarises renamings and heads', () => {
    const renamed = {
      operationId: AMG,
      name: 'OSCE Programme Office in Astana',
      kind: 'programme-office',
      effectiveOn: '2015-01',
      decision: 'PC.DEC/1153',
    };
    expect(entry('FieldOperationRenamed', renamed)).toEqual({
      summary: 'Renamed: OSCE Programme Office in Astana',
      effectiveOn: '2015-01',
      decision: 'PC.DEC/1153',
    });
    expect(
      entry('HeadAppointed', { operationId: AMG, name: 'Hans-Georg Wieck', from: '1997' }),
    ).toEqual({
      summary: 'Head appointed: Hans-Georg Wieck',
      effectiveOn: '1997',
      decision: null,
    });
  });
});

describe('history summaries of seats, host States, notes and provenance', () => {
  it('summarises the new facts with their valid time', () => {
    expect(
      entry('SeatChanged', {
        operationId: AMG,
        seat: 'Astana',
        effectiveOn: '2007',
        decision: null,
      }),
    ).toEqual({ summary: 'Seat changed: Astana', effectiveOn: '2007', decision: null });
    expect(
      entry('HostStatesChanged', {
        operationId: AMG,
        hostStates: ['serbia'],
        effectiveOn: '2006-06-03',
        decision: 'PC.DEC/733',
      }).summary,
    ).toBe('Host States changed: serbia (PC.DEC/733)');
    expect(
      entry('NoteRecorded', {
        operationId: AMG,
        on: '1999-01',
        category: 'deployment',
        text: 'Centre started operations in January 1999.',
        decision: null,
      }),
    ).toEqual({
      summary: 'Note (deployment): Centre started operations in January 1999.',
      effectiveOn: '1999-01',
      decision: null,
    });
  });

  it('notes how many sources a fact has and whether sources conflict', () => {
    const provenance = (sources: number, conflicts: number) => ({
      sources: Array.from({ length: sources }, (_, i) => `https://example.org/${i}`),
      confidence: {},
      conflicts: Array.from({ length: conflicts }, () => ({
        field: 'closedOn',
        values: ['a', 'b'],
        resolution: null,
      })),
      notes: [],
    });
    const closed = (p: unknown) => entry(amgClosed.type, { ...amgClosed.data, provenance: p });
    expect(closed(provenance(2, 1)).summary).toBe(
      'Group closed (replaced): OSCE Advisory and Monitoring Group in Belarus (2 sources, conflict noted)',
    );
    expect(closed(provenance(1, 0)).summary).toMatch(/\(1 source\)$/);
    expect(closed(provenance(3, 2)).summary).toMatch(/\(3 sources, 2 conflicts noted\)$/);
    expect(closed(null).summary).toMatch(/Belarus$/);
  });
});

describe('shorten', () => {
  it('keeps short text and cuts long text at a word, under the limit', () => {
    expect(shorten('  a   b ')).toBe('a b');
    const cut = shorten('word '.repeat(50), 30);
    expect(cut.length).toBeLessThanOrEqual(30);
    expect(cut).toBe('word word word word word word…');
  });
});
