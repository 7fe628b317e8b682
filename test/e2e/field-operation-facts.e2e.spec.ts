import { RegistryUnderTest } from '../support/registry-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ops = (suffix = '') => `/api/field-operations${suffix}`;

const CROATIA = 'mission-to-croatia';
const ZAGREB = 'office-in-zagreb';
const SERBIA = 'mission-to-serbia';
const ASTANA = 'centre-in-almaty';

const sources = ['http://www.osce.org/croatia/43330', 'https://www.osce.org/zagreb/43331'];

/**
 * Seat and host-State changes on dates, notes with provenance in the history, lineage (a chain
 * and a many-to-many graph), the timeline and a lapsed mandate, over real HTTP on SQLite.
 */
describe('Field-operation facts over HTTP: seats, host States, notes, lineage, timeline', () => {
  let registry: RegistryUnderTest;
  let position = 0;
  let beforeZagreb: string;

  const post = async (path: string, body: unknown, expected = 200) => {
    const response = await registry.post(path, body);
    expect({ path, status: response.status, body: response.body }).toMatchObject({
      status: expected,
    });
    if (response.body?.position !== undefined) {
      position = Math.max(position, response.body.position);
    }
    return response;
  };
  const get = (path: string) =>
    registry.get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`);
  const establish = (id: string, establishedOn: string, extra: Record<string, unknown> = {}) =>
    post(
      ops(),
      {
        id,
        name: `OSCE ${id}`,
        kind: 'mission',
        hostStates: ['croatia'],
        establishedOn,
        ...extra,
      },
      201,
    );

  beforeAll(async () => {
    registry = await RegistryUnderTest.start('sqlite');
    for (const [id, name] of [
      ['croatia', 'Croatia'],
      ['kazakhstan', 'Kazakhstan'],
      ['serbia-and-montenegro', 'Serbia and Montenegro'],
      ['serbia', 'Serbia'],
    ]) {
      await post('/api/participating-states', { id, name, admittedOn: '1992' }, 201);
    }
    await post(
      '/api/decisions',
      { reference: 'PC.DEC/112', body: 'permanent-council', adoptedOn: '1996-04-18' },
      201,
    );
    await establish(CROATIA, '1996-04-18', {
      name: 'OSCE Mission to Croatia',
      seat: 'Zagreb',
      decision: 'PC.DEC/112',
      mandate: { summary: 'Assist and monitor', until: '1996-12-31' },
      provenance: {
        sources,
        confidence: { established: 'high' },
        conflicts: [
          {
            field: 'established.effectiveDate',
            values: ['1996-04 (osce.org)', '1996-07 (USIP)'],
            resolution: 'use the decision date',
          },
        ],
        notes: ['Decided on 1996-04-18.'],
      },
    });
    await sleep(5);
    beforeZagreb = new Date().toISOString();
    await sleep(5);
    await post(
      ops(),
      {
        id: ZAGREB,
        name: 'OSCE Office in Zagreb',
        kind: 'office',
        hostStates: ['croatia'],
        establishedOn: '2008-01-01',
        predecessors: [CROATIA],
      },
      201,
    );
    await post(ops(`/${CROATIA}/closure`), {
      closedOn: '2007-12-31',
      reason: 'replaced',
      successors: [ZAGREB],
    });
    await post(ops(`/${ZAGREB}/closure`), { closedOn: '2012-01-17', reason: 'mandate-fulfilled' });
  });
  afterAll(async () => registry?.stop());

  it('shows the seat in force on each date, and its change in the history', async () => {
    await post(
      ops(),
      {
        id: ASTANA,
        name: 'OSCE Centre in Almaty',
        kind: 'centre',
        hostStates: ['kazakhstan'],
        seat: 'Almaty',
        establishedOn: '1998-07-23',
      },
      201,
    );
    await post(ops(`/${ASTANA}/seat-changes`), {
      seat: 'Astana',
      effectiveOn: '2007',
      provenance: { sources: ['http://www.mfa.kz/en/content-view/obse'] },
    });
    expect((await get(ops(`/${ASTANA}?asOf=2006-12-31`))).body.seat).toBe('Almaty');
    expect((await get(ops(`/${ASTANA}?asOf=2007-01-01`))).body.seat).toBe('Astana');
    const history = (await get(ops(`/${ASTANA}/history`))).body.items;
    expect(history[1]).toMatchObject({
      type: 'SeatChanged',
      summary: 'Seat changed: Astana (1 source)',
      effectiveOn: '2007',
      provenance: { sources: ['http://www.mfa.kz/en/content-view/obse'], conflicts: [] },
    });
    const same = await registry.post(ops(`/${ASTANA}/seat-changes`), {
      seat: 'Astana',
      effectiveOn: '2010',
    });
    expect(same.status).toBe(422);
    expect(same.body.errors).toEqual([expect.objectContaining({ pointer: '/seat' })]);
  });

  it('filters the list on the host States in force on asOf', async () => {
    await establish(SERBIA, '2001-01-11', { hostStates: ['serbia-and-montenegro'] });
    const unknown = await registry.post(ops(`/${SERBIA}/host-state-changes`), {
      hostStates: ['atlantis'],
      effectiveOn: '2006-06-03',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ pointer: '/hostStates/0' })]);
    await post(ops(`/${SERBIA}/host-state-changes`), {
      hostStates: ['serbia'],
      effectiveOn: '2006-06-03',
    });
    const hostedBy = async (state: string, asOf: string) =>
      (await get(ops(`?hostState=${state}&asOf=${asOf}`))).body.items.map(
        (i: { id: string }) => i.id,
      );
    expect(await hostedBy('serbia-and-montenegro', '2006-06-02')).toEqual([SERBIA]);
    expect(await hostedBy('serbia', '2006-06-02')).toEqual([]);
    expect(await hostedBy('serbia', '2006-06-03')).toEqual([SERBIA]);
    expect(await hostedBy('serbia-and-montenegro', '2006-06-03')).toEqual([]);
    expect((await get(ops(`/${SERBIA}?asOf=2007-01-01`))).body.hostStates).toEqual(['serbia']);
  });

  it('keeps provenance on the fact and shows it in the history', async () => {
    const history = (await get(ops(`/${CROATIA}/history`))).body.items;
    expect(history.map((h: { type: string }) => h.type)).toEqual([
      'MissionEstablished',
      'MandateAgreed',
      'MissionClosed',
    ]);
    expect(history[0].summary).toBe(
      'Mission established: OSCE Mission to Croatia (2 sources, conflict noted)',
    );
    expect(history[0].provenance).toEqual({
      sources,
      confidence: { established: 'high' },
      conflicts: [
        {
          field: 'established.effectiveDate',
          values: ['1996-04 (osce.org)', '1996-07 (USIP)'],
          resolution: 'use the decision date',
        },
      ],
      notes: ['Decided on 1996-04-18.'],
    });
    expect(history[0].data.provenance).toEqual(history[0].provenance);
    expect(history[2].provenance).toBeNull();
  });

  it('records dated notes with provenance, directly and as a decision effect', async () => {
    await establish('mission-to-note', '1995');
    await post(ops('/mission-to-note/notes'), {
      on: '1995-06',
      category: 'deployment',
      text: 'The Mission deployed in June 1995.',
      provenance: { sources: ['https://example.org/deployment'], notes: ['Month only'] },
    });
    await post(
      '/api/decisions',
      {
        reference: 'PC.DEC/176',
        body: 'permanent-council',
        adoptedOn: '1997-06-26',
        effects: [
          {
            action: 'note',
            operation: 'mission-to-note',
            on: '1997-06-26',
            category: 'expansion',
            text: 'Expansion and reinforcement.',
            provenance: { sources: sources.slice(0, 1) },
          },
        ],
      },
      201,
    );
    const history = (await get(ops('/mission-to-note/history'))).body.items;
    expect(history.slice(1)).toEqual([
      expect.objectContaining({
        type: 'NoteRecorded',
        summary: 'Note (deployment): The Mission deployed in June 1995. (1 source)',
        effectiveOn: '1995-06',
        decision: null,
        provenance: expect.objectContaining({ notes: ['Month only'] }),
      }),
      expect.objectContaining({
        type: 'NoteRecorded',
        summary: 'Note (expansion) (PC.DEC/176): Expansion and reinforcement. (1 source)',
        decision: 'PC.DEC/176',
      }),
    ]);
    const detail = (await get(ops('/mission-to-note?asOf=1997-07-01'))).body;
    expect(detail).toMatchObject({ status: 'active', revision: 2 });
  });

  it('refuses a note without provenance and provenance that is not of its shape', async () => {
    const cases: Array<[unknown, string]> = [
      [{ text: 'x' }, '/provenance'],
      [{ text: 'x', provenance: { sources: 'one' } }, '/provenance/sources'],
      [{ text: 'x', provenance: { sources: [], colour: 'red' } }, '/provenance/colour'],
      [
        { text: 'x', provenance: { sources: [], confidence: { all: 3 } } },
        '/provenance/confidence',
      ],
      [
        { text: 'x', provenance: { sources: [], conflicts: [{ values: [] }] } },
        '/provenance/conflicts/0/field',
      ],
    ];
    for (const [body, pointer] of cases) {
      const response = await registry.post(ops(`/${ASTANA}/notes`), body);
      expect({ body, status: response.status }).toEqual({ body, status: 422 });
      expect(response.body.errors).toContainEqual(expect.objectContaining({ pointer }));
    }
  });

  it('answers the lineage of a chain from either end, as recorded up to knownAt', async () => {
    const chain = {
      nodes: [
        {
          id: CROATIA,
          name: 'OSCE Mission to Croatia',
          kind: 'mission',
          establishedOn: '1996-04-18',
          closedOn: '2007-12-31',
        },
        {
          id: ZAGREB,
          name: 'OSCE Office in Zagreb',
          kind: 'office',
          establishedOn: '2008-01-01',
          closedOn: '2012-01-17',
        },
      ],
      edges: [{ predecessor: CROATIA, successor: ZAGREB }],
    };
    expect((await get(ops(`/${CROATIA}/lineage`))).body).toEqual({ root: CROATIA, ...chain });
    expect((await get(ops(`/${ZAGREB}/lineage`))).body).toEqual({ root: ZAGREB, ...chain });
    const before = await get(ops(`/${CROATIA}/lineage?knownAt=${beforeZagreb}`));
    expect(before.body).toMatchObject({ nodes: [{ id: CROATIA }], edges: [] });
    expect((await get(ops('/nowhere/lineage'))).status).toBe(404);
    expect((await get(ops(`/${ZAGREB}/lineage?knownAt=${beforeZagreb}`))).status).toBe(404);
  });

  it('answers a many-to-many lineage: two merged into one, split into two', async () => {
    await establish('merged-a', '1992');
    await establish('merged-b', '1993');
    await establish('merger', '1996', { predecessors: ['merged-a', 'merged-b'] });
    await establish('split-a', '2001');
    await establish('split-b', '2001');
    await post(ops('/merged-a/closure'), {
      closedOn: '1995',
      reason: 'merged',
      successors: ['merger'],
    });
    await post(ops('/merged-b/closure'), { closedOn: '1995', reason: 'merged' });
    await post(ops('/merger/closure'), {
      closedOn: '2000',
      reason: 'replaced',
      successors: ['split-a', 'split-b'],
    });
    const { body } = await get(ops('/split-b/lineage'));
    expect(body.nodes.map((n: { id: string }) => n.id)).toEqual([
      'merged-a',
      'merged-b',
      'merger',
      'split-a',
      'split-b',
    ]);
    expect(body.edges).toEqual([
      { predecessor: 'merged-a', successor: 'merger' },
      { predecessor: 'merged-b', successor: 'merger' },
      { predecessor: 'merger', successor: 'split-a' },
      { predecessor: 'merger', successor: 'split-b' },
    ]);
  });

  it('counts the operations active in each year of the timeline', async () => {
    const { status, body } = await get('/api/timeline?from=2007&to=2012');
    expect(status).toBe(200);
    const ids = (year: number) =>
      body
        .find((y: { year: number }) => y.year === year)
        .operations.map((o: { id: string }) => o.id)
        .filter((id: string) => [CROATIA, ZAGREB].includes(id));
    expect(body.map((y: { year: number }) => y.year)).toEqual([2007, 2008, 2009, 2010, 2011, 2012]);
    expect(ids(2007)).toEqual([CROATIA]);
    expect(ids(2008)).toEqual([ZAGREB]);
    expect(ids(2012)).toEqual([ZAGREB]);
    const y1996 = (await get('/api/timeline?from=1996&to=1996')).body[0];
    expect(y1996).toMatchObject({ year: 1996, count: 3 });
    expect(y1996.operations).toContainEqual({
      id: CROATIA,
      name: 'OSCE Mission to Croatia',
      kind: 'mission',
    });
    const before = (await get(`/api/timeline?from=2008&to=2008&knownAt=${beforeZagreb}`)).body[0];
    expect(before.operations.map((o: { id: string }) => o.id)).toEqual([CROATIA]);
  });

  it.each([
    ['from=2010&to=2000', 'to'],
    ['from=1800&to=2026', 'to'],
    ['from=99&to=2000', 'from'],
    ['from=2000&to=2000&knownAt=yesterday', 'knownAt'],
  ])('refuses a timeline query %s with a 400 naming %s', async (query, parameter) => {
    const { status, body } = await registry.get(`/api/timeline?${query}`);
    expect(status).toBe(400);
    expect(body.type).toMatch(/problems\//);
    expect(JSON.stringify(body.errors)).toContain(parameter);
  });

  it('says the mandate lapsed once its until passed without an extension', async () => {
    const mandate = async (asOf: string) =>
      (await get(ops(`/${CROATIA}?asOf=${asOf}`))).body.mandate;
    expect(await mandate('1996-12-31')).toMatchObject({ until: '1996-12-31', lapsed: false });
    expect(await mandate('1997-01-01')).toMatchObject({
      summary: 'Assist and monitor',
      until: '1996-12-31',
      lapsed: true,
    });
  });
});
