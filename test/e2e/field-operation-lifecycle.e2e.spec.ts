import { advisoryAndMonitoringGroup, belarus } from '../support/press-release';
import { RECORDER_ACTOR, RegistryUnderTest } from '../support/registry-app';

const AMG = advisoryAndMonitoringGroup.id;
const path = (suffix = '') => `/api/field-operations/${AMG}${suffix}`;

describe('A field operation through its life over HTTP, with ETag and If-Match', () => {
  let registry: RegistryUnderTest;
  let position = 0;

  beforeAll(async () => {
    registry = await RegistryUnderTest.start('sqlite');
    await registry.post('/api/participating-states', belarus);
    await registry.post('/api/decisions', {
      reference: 'PC.DEC/185',
      body: 'permanent-council',
      adoptedOn: '1997-09-18',
    });
    expect((await registry.post('/api/field-operations', advisoryAndMonitoringGroup)).status).toBe(
      201,
    );
  });
  afterAll(async () => registry?.stop());

  const write = async (suffix: string, body: unknown, ifMatch?: string) => {
    const response = await registry.post(
      path(suffix),
      body,
      ifMatch ? { 'if-match': ifMatch } : {},
    );
    if (response.status === 200) position = response.body.position;
    return response;
  };

  it('agrees, extends, renames and appoints, each answering 200 with the new revision as ETag', async () => {
    const steps: Array<[string, unknown, string]> = [
      [
        '/mandates',
        { decision: 'PC.DEC/185', effectiveFrom: '1998-02-27', summary: 'Assist the authorities' },
        'MandateAgreed',
      ],
      ['/mandate-extensions', { decision: 'PC.DEC/185', until: '1999-12' }, 'MandateExtended'],
      [
        '/renamings',
        { name: 'OSCE Group in Belarus', kind: 'assistance-group', effectiveOn: '2000' },
        'FieldOperationRenamed',
      ],
      ['/heads', { name: 'Hans-Georg Wieck', from: '1998-02' }, 'HeadAppointed'],
    ];
    for (const [index, [suffix, body]] of steps.entries()) {
      const response = await write(suffix, body, `"${index}"`);
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe(`"${index + 1}"`);
      expect(response.body).toMatchObject({ id: AMG, revision: index + 1 });
    }
    const history = await registry.get(`${path('/history')}?minPosition=${position}`);
    expect(history.body.items.map((h: { type: string }) => h.type)).toEqual([
      'GroupEstablished',
      ...steps.map(([, , type]) => type),
    ]);
    const detail = await registry.get(`${path()}?asOf=2001-01-01`);
    expect(detail.headers.get('etag')).toBe('"4"');
    expect(detail.body).toMatchObject({
      name: 'OSCE Group in Belarus',
      kind: 'assistance-group',
      head: 'Hans-Georg Wieck',
      mandate: { until: '1999-12', decision: 'PC.DEC/185' },
    });
  });

  it('answers 412 to a stale If-Match and records nothing', async () => {
    const stale = await write('/heads', { name: 'Someone Else', from: '2001' }, '"1"');
    expect(stale.status).toBe(412);
    expect(stale.body.type).toMatch(/precondition-failed$/);
    expect((await registry.get(path('/history'))).body.items).toHaveLength(5);
  });

  it('refuses a closure before establishment with a pointer, then closes, then refuses further changes', async () => {
    const early = await write('/closure', { closedOn: '1997', reason: 'mandate-expired' });
    expect(early.status).toBe(422);
    expect(early.body.errors).toEqual([expect.objectContaining({ pointer: '/closedOn' })]);

    const closed = await write('/closure', { closedOn: '2002-12-31', reason: 'no-consensus' });
    expect(closed.status).toBe(200);
    const again = await write('/heads', { name: 'Too Late', from: '2003' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/closed on 2002-12-31/);
  });

  it('answers 404 for an unknown operation and 422 for unknown fields and unregistered references', async () => {
    expect(
      (await registry.post('/api/field-operations/nowhere/heads', { name: 'X', from: '2000' }))
        .status,
    ).toBe(404);
    const extra = await registry.post('/api/participating-states', {
      ...belarus,
      id: 'x',
      actor: 'mallory',
    });
    expect(extra.status).toBe(422);
    expect(extra.body.errors).toEqual([expect.objectContaining({ pointer: '/actor' })]);
    const unknownState = await registry.post('/api/field-operations', {
      ...advisoryAndMonitoringGroup,
      id: 'mission-to-atlantis',
      hostStates: ['atlantis'],
    });
    expect(unknownState.status).toBe(422);
    expect(unknownState.body.errors).toEqual([
      expect.objectContaining({ pointer: '/hostStates/0' }),
    ]);
  });

  it('records the requester as actor in the metadata, never a value from the body', async () => {
    const events = (await registry.get('/api/events?limit=100')).body.items;
    expect(new Set(events.map((e: { metadata: { actor: string } }) => e.metadata.actor))).toEqual(
      new Set([RECORDER_ACTOR]),
    );
  });
});
