import { advisoryAndMonitoringGroup, belarus } from '../support/press-release';
import { RECORDER_ACTOR, RegistryUnderTest } from '../support/registry-app';

const AMG = advisoryAndMonitoringGroup.id;
const path = (suffix = '') => `/api/field-operations/${AMG}${suffix}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The instant now, after a few ms so that it differs from what was recorded just before. */
async function instant(): Promise<string> {
  await sleep(5);
  const now = new Date().toISOString();
  await sleep(5);
  return now;
}

describe('A closure recorded with a wrong date, corrected later, over HTTP (knownAt)', () => {
  let registry: RegistryUnderTest;
  let beforeEstablishment: string;
  let beforeCorrection: string;
  let afterCorrection: string;
  let position: number;
  let closureId: string;

  beforeAll(async () => {
    registry = await RegistryUnderTest.start('sqlite');
    await registry.post('/api/participating-states', belarus);
    beforeEstablishment = await instant();
    expect((await registry.post('/api/field-operations', advisoryAndMonitoringGroup)).status).toBe(
      201,
    );
    const closed = await registry.post(path('/closure'), {
      closedOn: '2003-12-31',
      reason: 'replaced',
    });
    expect(closed.status).toBe(200);
    beforeCorrection = await instant();
    const history = await registry.get(`${path('/history')}?minPosition=${closed.body.position}`);
    closureId = history.body.items[1].id;
    const corrected = await registry.post(
      path('/corrections'),
      {
        corrects: closureId,
        changes: { closedOn: '2002-12-31' },
        reason: 'The press release of 30 December 2002 gives 2002-12-31 as the last day',
      },
      { 'x-reason': 'Audit of the Belarus record', 'if-match': '"1"' },
    );
    expect(corrected.status).toBe(200);
    expect(corrected.headers.get('etag')).toBe('"2"');
    position = corrected.body.position;
    afterCorrection = await instant();
  });
  afterAll(async () => registry?.stop());

  const detail = async (asOf: string, knownAt: string) =>
    registry.get(`${path()}?asOf=${asOf}&knownAt=${knownAt}&minPosition=${position}`);

  it('answers with the wrong date as known before the correction, on the days between the two', async () => {
    for (const asOf of ['2003-01-01', '2003-06-15', '2003-12-31']) {
      const { status, body } = await detail(asOf, beforeCorrection);
      expect([asOf, status, body.status, body.closedOn, body.revision]).toEqual([
        asOf,
        200,
        'active',
        '2003-12-31',
        1,
      ]);
    }
  });

  it('answers with the corrected date as known after it', async () => {
    for (const asOf of ['2003-01-01', '2003-06-15', '2003-12-31']) {
      const { body } = await detail(asOf, afterCorrection);
      expect([asOf, body.status, body.closedOn, body.revision]).toEqual([
        asOf,
        'closed',
        '2002-12-31',
        2,
      ]);
    }
    expect((await detail('2002-12-31', afterCorrection)).body.status).toBe('active');
    expect((await registry.get(`${path()}?asOf=2003-06-15`)).body.status).toBe('closed');
  });

  it('lists the Group among the active operations only as known before the correction', async () => {
    const active = async (knownAt: string) =>
      (
        await registry.get(`/api/field-operations?status=active&asOf=2003-06-15&knownAt=${knownAt}`)
      ).body.items.map((item: { id: string }) => item.id);
    expect(await active(beforeCorrection)).toEqual([AMG]);
    expect(await active(afterCorrection)).toEqual([]);
  });

  it('shows the original and the correction side by side in the history, with who and why', async () => {
    const { body } = await registry.get(path('/history'));
    expect(
      body.items.map((h: { type: string; summary: string; actor: string }) => [
        h.type,
        h.summary,
        h.actor,
      ]),
    ).toEqual([
      [
        'GroupEstablished',
        'Group established: OSCE Advisory and Monitoring Group in Belarus',
        RECORDER_ACTOR,
      ],
      [
        'GroupClosed',
        'Group closed (replaced): OSCE Advisory and Monitoring Group in Belarus',
        RECORDER_ACTOR,
      ],
      [
        'FactCorrected',
        'Corrected closedOn of GroupClosed: 2003-12-31 -> 2002-12-31 (The press release of 30 December 2002 gives 2002-12-31 as the last day)',
        RECORDER_ACTOR,
      ],
    ]);
    expect(body.items[1]).toMatchObject({ id: closureId, data: { closedOn: '2003-12-31' } });
    expect(body.items[2].data).toEqual({
      operationId: AMG,
      corrects: closureId,
      correctedType: 'GroupClosed',
      changes: { closedOn: '2002-12-31' },
      reason: 'The press release of 30 December 2002 gives 2002-12-31 as the last day',
    });
    const known = await registry.get(`${path('/history')}?knownAt=${beforeCorrection}`);
    expect(known.body.items.map((h: { type: string }) => h.type)).toEqual([
      'GroupEstablished',
      'GroupClosed',
    ]);
  });

  it('leaves the original event unchanged in the event feed, the correction after it', async () => {
    const { body } = await registry.get('/api/events?after=0&limit=100');
    const ofAmg = body.items.filter(
      (e: { stream: string }) => e.stream === `field-operation-${AMG}`,
    );
    expect(ofAmg.map((e: { type: string }) => e.type)).toEqual([
      'GroupEstablished',
      'GroupClosed',
      'FactCorrected',
    ]);
    expect(ofAmg[1]).toMatchObject({ id: closureId, data: { closedOn: '2003-12-31' } });
    expect(ofAmg[2].metadata).toMatchObject({
      actor: RECORDER_ACTOR,
      reason: 'Audit of the Belarus record',
    });
  });

  it('answers 404 for knownAt before the operation was recorded, and leaves it out of lists', async () => {
    expect((await detail('2003-06-15', beforeEstablishment)).status).toBe(404);
    expect((await registry.get(`${path('/history')}?knownAt=${beforeEstablishment}`)).status).toBe(
      404,
    );
    const list = await registry.get(`/api/field-operations?knownAt=${beforeEstablishment}`);
    expect(list.body.items).toEqual([]);
    const states = await registry.get(`/api/participating-states?knownAt=${beforeEstablishment}`);
    expect(states.body.items).toMatchObject([{ id: 'belarus' }]);
  });

  it('refuses a knownAt that is not an instant with a time zone', async () => {
    for (const knownAt of ['2003-01-01', '2003-01-01T00:00:00', 'yesterday']) {
      const { status, body } = await registry.get(`${path()}?knownAt=${knownAt}`);
      expect([knownAt, status, body.errors?.[0]?.parameter]).toEqual([knownAt, 400, 'knownAt']);
    }
  });

  it('refuses corrections that break a rule, pointing at the field, and records nothing', async () => {
    const refusals: Array<[unknown, number, string]> = [
      [{ corrects: 'not-a-uuid', changes: { closedOn: '2002' }, reason: 'x' }, 422, '/corrects'],
      [
        {
          corrects: '00000000-0000-4000-8000-000000000000',
          changes: { closedOn: '2002' },
          reason: 'x',
        },
        422,
        '/corrects',
      ],
      [{ corrects: closureId, changes: { name: 'x' }, reason: 'x' }, 422, '/changes/name'],
      [
        { corrects: closureId, changes: { closedOn: '1990' }, reason: 'x' },
        422,
        '/changes/closedOn',
      ],
      [{ corrects: closureId, changes: { closedOn: '2002' } }, 422, '/reason'],
    ];
    for (const [body, status, pointer] of refusals) {
      const response = await registry.post(path('/corrections'), body);
      const pointed = response.body.errors?.[0]?.pointer;
      expect([response.status, pointed]).toEqual([status, pointer]);
    }
    expect(
      (
        await registry.post('/api/field-operations/nowhere/corrections', {
          corrects: closureId,
          changes: { closedOn: '2002' },
          reason: 'x',
        })
      ).status,
    ).toBe(404);
    expect((await registry.get(path('/history'))).body.items).toHaveLength(3);
  });
});
