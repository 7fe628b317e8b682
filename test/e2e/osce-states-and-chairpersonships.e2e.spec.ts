import { chairpersonships, states } from '../data/osce-data';
import {
  chairpersonshipRequests,
  type DataRequest,
  inRecordableOrder,
  stateRequests,
} from '../support/osce-state-requests';
import { RegistryUnderTest } from '../support/registry-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The data set's participating States and Chairpersonships recorded through the registry's own
 * endpoints, in date order, then asked who participated, how many, and who chaired on a day.
 */
describe('The OSCE participating States and Chairpersonships, recorded from data/osce', () => {
  let registry: RegistryUnderTest;
  let head = 0;
  let beforeMontenegro = '';
  const recorded: DataRequest[] = [];

  const post = async (request: DataRequest) => {
    const response = await registry.post(request.path, request.body);
    if (response.status < 300) head = Math.max(head, response.body.position);
    return response;
  };
  const get = (path: string) =>
    registry.get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${head}`);
  const count = async (asOf: string, knownAt = '') =>
    (await get(`/api/participating-states?asOf=${asOf}${knownAt ? `&knownAt=${knownAt}` : ''}`))
      .body.count as number;

  beforeAll(async () => {
    registry = await RegistryUnderTest.start('sqlite');
    for (const request of inRecordableOrder(stateRequests(states.items))) {
      const montenegro = request.record === 'montenegro' && request.action === 'admit';
      if (montenegro) {
        await sleep(5);
        beforeMontenegro = new Date().toISOString();
        await sleep(5);
      }
      const response = await post(request);
      if (response.status >= 300) {
        throw new Error(`${request.record} ${request.action}: ${JSON.stringify(response.body)}`);
      }
      recorded.push(request);
    }
    for (const request of chairpersonshipRequests(chairpersonships)) {
      const response = await post(request);
      if (response.status >= 300) {
        throw new Error(`${request.record} ${request.action}: ${JSON.stringify(response.body)}`);
      }
    }
  }, 60_000);
  afterAll(async () => registry?.stop());

  it('records every State event the sources date, dissolutions after their successors', () => {
    const actions = recorded.map((r) => `${r.record} ${r.action}`);
    expect(actions).toContain('russian-federation continue');
    expect(actions.indexOf('czechoslovakia dissolve')).toBeGreaterThan(
      actions.indexOf('slovakia admit'),
    );
    expect(actions.indexOf('serbia-and-montenegro dissolve')).toBeGreaterThan(
      actions.indexOf('montenegro admit'),
    );
    // Undated in the sources: the SFRY's end, the Türkiye and North Macedonia renamings.
    expect(actions).not.toContain('yugoslavia dissolve');
    expect(actions.filter((a) => a.endsWith(' rename'))).toEqual(['serbia-and-montenegro rename']);
  });

  it.each([
    ['1973-07-03', 35, 'the 35 at the Helsinki consultations'],
    ['1990-11-19', 34, 'after German unification (the GDR dissolved in 1990-10)'],
    ['1991-12-31', 38, 'the Baltic States admitted; the Russian Federation continuing the USSR'],
    ['1992-02-01', 48, 'after the January 1992 admissions'],
    ['1993-01-01', 52, 'Czechia and Slovakia succeeding Czechoslovakia'],
    ['1995-12-08', 53, 'Yugoslavia suspended since 1992-07-08'],
    ['2000-11-10', 55, 'the FRY admitted as the 55th'],
    ['2006-06-03', 55, 'Serbia continuing the State Union'],
    ['2006-06-22', 56, 'after Montenegro'],
    ['2026-01-01', 57, 'today'],
  ])('counts %s: %i (%s)', async (asOf, expected) => {
    expect(await count(asOf)).toBe(expected);
  });

  it("reproduces the data set's count history, counting the suspended Yugoslavia out", async () => {
    for (const { date, count: sourced } of states.countHistory) {
      // 1992-12-14: the source's 52 counts the suspended Yugoslavia; every later count does not.
      const expected = date === '1992-12-14' ? sourced - 1 : sourced;
      expect([date, await count(date)]).toEqual([date, expected]);
    }
  });

  it('lists who participated on a day with the name and status of that day', async () => {
    const on2001 = (await get('/api/participating-states?asOf=2001-06-01')).body;
    expect(on2001.items).toHaveLength(on2001.count);
    expect(
      on2001.items.find((s: { id: string }) => s.id === 'serbia-and-montenegro'),
    ).toMatchObject({ name: 'Federal Republic of Yugoslavia', status: 'participating' });
    expect(on2001.items.map((s: { id: string }) => s.id)).not.toContain('yugoslavia');
    const suspended = await get('/api/participating-states?asOf=1995-12-08&status=suspended');
    expect(suspended.body.items).toMatchObject([
      { id: 'yugoslavia', status: 'suspended', suspendedSince: '1992-07-08' },
    ]);
    const formerIn1992 = await get('/api/participating-states?asOf=1992-06-01&status=dissolved');
    expect(formerIn1992.body.items.map((s: { id: string }) => s.id).sort()).toEqual([
      'german-democratic-republic',
      'soviet-union',
    ]);
    const all = await get('/api/participating-states?asOf=2026-01-01&status=all');
    expect(all.body.items).toHaveLength(states.items.length);
  });

  it('shows one State on a day with its successions and history', async () => {
    const union = await get('/api/participating-states/serbia-and-montenegro?asOf=2004-01-01');
    expect(union.status).toBe(200);
    expect(union.headers.get('etag')).toBe('"2"');
    expect(union.body).toMatchObject({
      name: 'Serbia and Montenegro',
      status: 'participating',
      admittedOn: '2000-11-10',
      dissolvedOn: '2006-06-03',
      successors: ['serbia', 'montenegro'],
      continuedBy: 'serbia',
      names: [
        { name: 'Federal Republic of Yugoslavia', from: '2000-11-10' },
        { name: 'Serbia and Montenegro', from: '2003-02-04' },
      ],
    });
    expect(union.body.history.map((h: { summary: string }) => h.summary)).toEqual([
      'Participating State admitted: Federal Republic of Yugoslavia',
      'Renamed: Federal Republic of Yugoslavia -> Serbia and Montenegro',
      'Dissolved: Serbia and Montenegro (successors: serbia, montenegro); continued by serbia',
    ]);
    expect(union.body.history[0].data.provenance.sources).toContain(
      'https://www.osce.org/cio/53076',
    );
    const russia = await get('/api/participating-states/russian-federation?asOf=1991-06-01');
    expect(russia.body).toMatchObject({
      status: 'participating',
      continues: 'soviet-union',
      predecessors: ['soviet-union'],
    });
    const ussr = await get('/api/participating-states/soviet-union?asOf=1991-06-01');
    expect(ussr.body).toMatchObject({ status: 'continued', continuedBy: 'russian-federation' });
    const czechia = await get('/api/participating-states/czechia?asOf=1993-01-01');
    expect(czechia.body.predecessors).toEqual(['czechoslovakia']);
  });

  it('answers as recorded before Montenegro was (knownAt)', async () => {
    expect(await count('2006-06-22', beforeMontenegro)).toBe(55);
    expect(await count('2006-06-22')).toBe(56);
    const montenegro = await get(
      `/api/participating-states/montenegro?knownAt=${beforeMontenegro}`,
    );
    expect(montenegro.status).toBe(404);
    const union = await get(
      `/api/participating-states/serbia-and-montenegro?asOf=2007-01-01&knownAt=${beforeMontenegro}`,
    );
    // Serbia's continuation was recorded, the State Union's dissolution (waiting for Montenegro) not yet.
    expect(union.body).toMatchObject({
      status: 'continued',
      continuedBy: 'serbia',
      dissolvedOn: null,
    });
    const now = await get('/api/participating-states/serbia-and-montenegro?asOf=2007-01-01');
    expect(now.body).toMatchObject({ status: 'dissolved', dissolvedOn: '2006-06-03' });
  });

  it('records nothing when the same data is recorded again: every request conflicts', async () => {
    const before = (await get('/api/events?limit=1000')).body.items.length;
    for (const request of recorded) {
      const response = await registry.post(request.path, request.body);
      expect([request.record, request.action, response.status]).toEqual([
        request.record,
        request.action,
        409,
      ]);
    }
    for (const request of chairpersonshipRequests(chairpersonships)) {
      expect((await registry.post(request.path, request.body)).status).toBe(409);
    }
    expect((await get('/api/events?limit=1000')).body.items).toHaveLength(before);
  });

  it('names the Chairpersonship in office on a day, with its Chairperson(s)-in-Office', async () => {
    const on = async (asOf: string) =>
      (await get(`/api/chairpersonships?asOf=${asOf}`)).body.items as Array<{
        id: string;
        stateName: string;
        inOffice: Array<{ name: string }>;
      }>;
    const finland = await on('2008-06-01');
    expect(finland).toMatchObject([
      { id: 'finland-2008', stateName: 'Finland', status: 'in-office' },
    ]);
    expect(finland[0].inOffice.map((c) => c.name)).toEqual(['Alexander Stubb']);
    expect((await on('2008-04-04'))[0].inOffice.map((c) => c.name)).toEqual([
      'Ilkka Kanerva',
      'Alexander Stubb',
    ]);
    // Hand-over days belong to both Chairpersonships, as the sources give them.
    expect((await on('1992-01-30')).map((c) => c.id)).toEqual([
      'germany-1991',
      'czechoslovakia-1992',
    ]);
    const czechoslovakia = (await on('1992-06-01'))[0];
    expect(czechoslovakia).toMatchObject({
      stateName: 'Czech and Slovak Federal Republic (Czechoslovakia)',
      inOffice: [],
    });
    expect((await on('2026-03-01'))[0]).toMatchObject({
      id: 'switzerland-2026',
      inOffice: [{ name: 'Ignazio Cassis', datesFromPeriod: true }],
    });
    const all = await get('/api/chairpersonships?status=all');
    expect(all.body.items).toHaveLength(chairpersonships.length);
  });

  it('shows one Chairpersonship with its history', async () => {
    const finland = await get('/api/chairpersonships/finland-2008?asOf=2008-01-15');
    expect(finland.headers.get('etag')).toBe('"2"');
    expect(finland.body).toMatchObject({
      state: 'finland',
      year: 2008,
      from: '2008-01-01',
      to: '2008-12-31',
      inOffice: [{ name: 'Ilkka Kanerva', role: 'Minister for Foreign Affairs' }],
    });
    expect(finland.body.history.map((h: { type: string }) => h.type)).toEqual([
      'ChairpersonshipAssumed',
      'ChairpersonInOfficeAppointed',
      'ChairpersonInOfficeAppointed',
    ]);
    expect((await get('/api/chairpersonships/atlantis-2030')).status).toBe(404);
  });
});
