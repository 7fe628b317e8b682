import type { FieldOperation } from '../domain/state';
import { viewOn } from '../domain/view';
import { ParsedStates, viewable } from './parsed-states';

/** A state with something in every field, and several versions of each dated fact. */
const rich: FieldOperation = {
  id: 'mission-to-somewhere',
  establishedOn: '1993-03',
  establishedBy: 'PC.DEC/1',
  sourceUrl: 'https://www.osce.org/pc/1',
  names: [
    { name: 'Mission to Somewhere', kind: 'mission', from: '1993-03', decision: 'PC.DEC/1' },
    { name: 'Office in Somewhere', kind: 'office', from: '2001-01-01', decision: 'PC.DEC/7' },
  ],
  hostStateVersions: [
    { hostStates: ['somewhere'], from: '1993-03', decision: 'PC.DEC/1' },
    { hostStates: ['somewhere', 'elsewhere'], from: '1999', decision: null },
  ],
  seats: [
    { seat: 'Capital', from: '1993-03', decision: 'PC.DEC/1' },
    { seat: null, from: '2004-05-06', decision: 'PC.DEC/9' },
  ],
  mandates: [
    {
      summary: 'Monitor the ceasefire.',
      decision: 'PC.DEC/1',
      effectiveFrom: '1993-03',
      until: '1993-12-31',
      extensions: [
        { decision: 'PC.DEC/2', until: '1994-12-31' },
        { decision: 'PC.DEC/3', until: '1996-06' },
      ],
    },
    {
      summary: 'Assist the authorities.',
      decision: 'PC.DEC/7',
      effectiveFrom: '2001-01-01',
      until: null,
      extensions: [],
    },
  ],
  heads: [
    { name: 'A. Head', from: '1993-04' },
    { name: 'B. Head', from: '2002' },
  ],
  predecessors: ['earlier-mission'],
  successors: [],
  closure: {
    operationId: 'mission-to-somewhere',
    closedOn: '2010-12-31',
    reason: 'mandate-expired',
    decision: 'PC.DEC/12',
    successors: ['later-office'],
    provenance: {
      sources: ['https://www.osce.org/pc/12'],
      confidence: {},
      conflicts: [],
      notes: [],
    },
  },
};

const json = (id: string, padding = 0): string =>
  JSON.stringify({ ...rich, id, sourceUrl: `https://example.org/${'x'.repeat(padding)}` });

describe('ParsedStates', () => {
  it('parses a version once: the same position answers the state parsed the first time', () => {
    const states = new ParsedStates();
    const first = states.of(7, json('a'));
    // Had it parsed again, the second JSON would show.
    expect(states.of(7, json('b'))).toBe(first);
    expect(first.id).toBe('a');
    expect(states.of(8, json('b')).id).toBe('b');
  });

  it('hands out frozen states, so that no reader can change what the others read', () => {
    const state = new ParsedStates().of(1, json('a'));
    expect(Object.isFrozen(state)).toBe(true);
    expect(Object.isFrozen(state.names)).toBe(true);
    expect(Object.isFrozen(state.names[0])).toBe(true);
    expect(Object.isFrozen(state.mandates[0].extensions)).toBe(true);
    expect(() => (state.names as unknown as string[]).push('b')).toThrow(TypeError);
  });

  it('drops the oldest unread first once the estimated size passes the budget', () => {
    const probe = new ParsedStates();
    probe.of(1, json('a'));
    const size = probe.heldBytes;
    const states = new ParsedStates(size * 2);
    const a = states.of(1, json('a'));
    states.of(2, json('b'));
    expect(states.of(1, json('changed'))).toBe(a); // 1 is now the most recently read
    states.of(3, json('c'));
    expect(states.size).toBe(2);
    expect(states.of(1, json('changed'))).toBe(a);
    expect(states.of(2, json('b again')).id).toBe('b again'); // 2 was dropped, parsed anew
  });

  it('spares a state read since it was kept once, then drops it if it is not read again', () => {
    const probe = new ParsedStates();
    probe.of(1, json('a'));
    const states = new ParsedStates(probe.heldBytes * 3);
    const a = states.of(1, json('a'));
    states.of(2, json('b'));
    states.of(3, json('c'));
    states.of(1, json('changed')); // read: spared at the next eviction
    states.of(4, json('d')); // over budget: 1 goes to the back, 2 (unread) goes
    expect(states.size).toBe(3);
    expect(states.of(1, json('changed'))).toBe(a);
    expect(states.of(2, json('b again')).id).toBe('b again');
    // 2's return pushed out 3 (unread), then 1 was read again and 4 was never read:
    states.of(5, json('e'));
    expect(states.of(4, json('d again')).id).toBe('d again');
  });

  it('ends an eviction when every entry held has been read (each is spared once only)', () => {
    const probe = new ParsedStates();
    probe.of(1, json('a'));
    const states = new ParsedStates(probe.heldBytes * 2);
    states.of(1, json('a'));
    states.of(2, json('b'));
    states.of(1, json('a'));
    states.of(2, json('b'));
    states.of(3, json('c'));
    expect(states.size).toBe(2);
    expect(states.heldBytes).toBeLessThanOrEqual(probe.heldBytes * 2);
  });

  it('does not keep a state larger than the whole budget', () => {
    const states = new ParsedStates(10);
    expect(states.of(1, json('a')).id).toBe('a');
    expect(states.size).toBe(0);
  });

  it('estimates what it keeps, not the JSON it came from (left-out fields do not count)', () => {
    const states = new ParsedStates();
    states.of(1, json('a'));
    const small = states.heldBytes;
    states.of(2, json('b', 100_000));
    expect(states.heldBytes).toBeLessThan(2 * small + 100);
  });
});

describe('viewable', () => {
  const days = [
    '1992-01-01',
    '1993-02-28',
    '1993-03-01',
    '1993-03-31',
    '1993-12-31',
    '1994-06-30',
    '1996-06-30',
    '1996-07-01',
    '1999-01-01',
    '2001-01-01',
    '2002-06-30',
    '2004-05-06',
    '2010-12-31',
    '2011-01-01',
    '2026-06-30',
  ];

  it('keeps every view viewOn makes, on every day', () => {
    const slim = viewable(rich);
    for (const day of days) expect(viewOn(slim, day)).toEqual(viewOn(rich, day));
  });

  it('keeps the views of an operation never closed, without mandates or heads', () => {
    const bare: FieldOperation = { ...rich, mandates: [], heads: [], closure: null };
    for (const day of days) expect(viewOn(viewable(bare), day)).toEqual(viewOn(bare, day));
  });

  it('keeps the days versions start from as first days, which views compare without computing', () => {
    const slim = viewable(rich);
    expect(slim.names.map((n) => n.from)).toEqual(['1993-03-01', '2001-01-01']);
    expect(slim.hostStateVersions.map((v) => v.from)).toEqual(['1993-03-01', '1999-01-01']);
    expect(slim.seats.map((v) => v.from)).toEqual(['1993-03-01', '2004-05-06']);
    expect(slim.mandates.map((m) => m.effectiveFrom)).toEqual(['1993-03-01', '2001-01-01']);
    expect(slim.heads.map((h) => h.from)).toEqual(['1993-04-01', '2002-01-01']);
    // What views show stays as recorded.
    expect(viewOn(slim, '2026-06-30').establishedOn).toBe('1993-03');
  });

  it('leaves out what views do not show: decisions, sources, provenance, older extensions', () => {
    const slim = viewable(rich);
    expect(slim.sourceUrl).toBeNull();
    expect(slim.names.map((n) => n.decision)).toEqual([null, null]);
    expect(slim.mandates[0].extensions).toEqual([{ decision: 'PC.DEC/3', until: '1996-06' }]);
    expect(slim.closure).not.toHaveProperty('provenance');
  });
});
