import { RegistryUnderTest } from '../support/registry-app';

const STATES = '/api/participating-states';

/** A participating State's life over HTTP: each refusal a problem response, nothing written. */
describe('A participating State and a Chairpersonship over HTTP', () => {
  let registry: RegistryUnderTest;
  beforeAll(async () => {
    registry = await RegistryUnderTest.start('sqlite');
    for (const [id, name] of [
      ['yugoslavia', 'Socialist Federal Republic of Yugoslavia'],
      ['croatia', 'Croatia'],
    ]) {
      const admitted = await registry.post(STATES, { id, name, admittedOn: '1973-06-25' });
      expect(admitted.status).toBe(201);
    }
  });
  afterAll(async () => registry?.stop());

  const problem = async (path: string, body: unknown, status: number, pointer?: string) => {
    const response = await registry.post(path, body);
    expect([path, response.status]).toEqual([path, status]);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    if (pointer) {
      const pointers = [
        ...(response.body.errors ?? []).map((e: { pointer: string }) => e.pointer),
        response.body.pointer,
      ];
      expect(pointers).toContain(pointer);
    }
    return response;
  };

  it('suspends (200, ETag), refuses a second suspension, readmits with If-Match', async () => {
    const suspended = await registry.post(`${STATES}/yugoslavia/suspensions`, {
      suspendedOn: '1992-07-08',
      provenance: {
        sources: ['https://example.org/csce'],
        notes: ['Committee of Senior Officials'],
      },
    });
    expect(suspended.status).toBe(200);
    expect(suspended.headers.get('etag')).toBe('"1"');
    await problem(`${STATES}/yugoslavia/suspensions`, { suspendedOn: '1993' }, 409);
    const stale = await registry.post(
      `${STATES}/yugoslavia/readmissions`,
      { readmittedOn: '2000' },
      { 'if-match': '"0"' },
    );
    expect(stale.status).toBe(412);
    await problem(
      `${STATES}/yugoslavia/readmissions`,
      { readmittedOn: '1991' },
      422,
      '/readmittedOn',
    );
    const readmitted = await registry.post(
      `${STATES}/yugoslavia/readmissions`,
      { readmittedOn: '2000' },
      { 'if-match': '"1"' },
    );
    expect(readmitted.status).toBe(200);
    const state = await registry.get(
      `${STATES}/yugoslavia?asOf=1995-01-01&minPosition=${readmitted.body.position}`,
    );
    expect(state.body).toMatchObject({
      status: 'suspended',
      suspensions: [{ from: '1992-07-08', to: '2000' }],
    });
    expect(state.body.history[1].data.provenance).toEqual({
      sources: ['https://example.org/csce'],
      confidence: {},
      conflicts: [],
      notes: ['Committee of Senior Officials'],
    });
  });

  it('refuses malformed bodies with pointers, and unknown States with 404', async () => {
    await problem(
      `${STATES}/yugoslavia/renamings`,
      { name: 'X', effectiveOn: '1992-13' },
      422,
      '/effectiveOn',
    );
    await problem(
      `${STATES}/yugoslavia/renamings`,
      { name: 'X', effectiveOn: '1992', extra: 1 },
      422,
    );
    await problem(
      `${STATES}/yugoslavia/suspensions`,
      { suspendedOn: '1993', provenance: { sources: [''] } },
      422,
      '/provenance/sources',
    );
    await problem(`${STATES}/atlantis/suspensions`, { suspendedOn: '1993' }, 404);
    await problem(`${STATES}/Not_A_Slug/suspensions`, { suspendedOn: '1993' }, 400);
    await problem(
      `${STATES}/continuations`,
      { id: 'x', name: 'X', continuedOn: '1992', continues: 'atlantis' },
      422,
      '/continues',
    );
  });

  it('dissolves with registered successors only, then refuses any change', async () => {
    await problem(
      `${STATES}/yugoslavia/dissolution`,
      { dissolvedOn: '1992', successors: ['slovenia'] },
      422,
      '/successors/0',
    );
    await problem(
      `${STATES}/yugoslavia/dissolution`,
      { dissolvedOn: '1992', successors: ['croatia'], continuedBy: 'croatia' },
      422,
      '/continuedBy',
    );
    const dissolved = await registry.post(`${STATES}/yugoslavia/dissolution`, {
      dissolvedOn: '2003-02-03',
      successors: ['croatia'],
      continuedBy: null,
    });
    expect(dissolved.status).toBe(200);
    await problem(
      `${STATES}/yugoslavia/renamings`,
      { name: 'Yugoslavia', effectiveOn: '2003' },
      409,
    );
    const list = await registry.get(
      `${STATES}?asOf=2004-01-01&status=all&minPosition=${dissolved.body.position}`,
    );
    expect(list.body.count).toBe(1);
    expect(list.body.items.map((s: { status: string }) => s.status)).toEqual([
      'participating',
      'dissolved',
    ]);
  });

  it('records a Chairpersonship and its Chairperson-in-Office, refusing what does not fit', async () => {
    const chair = {
      id: 'croatia-2030',
      state: 'croatia',
      year: 2030,
      from: '2030-01-01',
      to: '2030-12-31',
    };
    await problem('/api/chairpersonships', { ...chair, state: 'atlantis' }, 422, '/state');
    await problem('/api/chairpersonships', { ...chair, state: 'yugoslavia' }, 422, '/state');
    const assumed = await registry.post('/api/chairpersonships', chair);
    expect(assumed.status).toBe(201);
    expect(assumed.headers.get('location')).toBe('/api/chairpersonships/croatia-2030');
    await problem('/api/chairpersonships', chair, 409);
    const cio = '/api/chairpersonships/croatia-2030/chairpersons-in-office';
    await problem(cio, { name: 'A Minister', from: '2029-12-31' }, 422, '/from');
    await problem(
      '/api/chairpersonships/atlantis-2030/chairpersons-in-office',
      { name: 'A', from: '2030' },
      404,
    );
    const appointed = await registry.post(cio, {
      name: 'A Minister',
      role: 'Minister',
      from: '2030-01-01',
    });
    expect(appointed.status).toBe(200);
    expect(appointed.headers.get('etag')).toBe('"1"');
    const on = await registry.get(
      `/api/chairpersonships?asOf=2030-07-01&minPosition=${appointed.body.position}`,
    );
    expect(on.body.items).toMatchObject([
      { id: 'croatia-2030', stateName: 'Croatia', inOffice: [{ name: 'A Minister', to: null }] },
    ]);
    expect((await registry.get('/api/chairpersonships?asOf=2031-01-01')).body.items).toEqual([]);
  });
});
