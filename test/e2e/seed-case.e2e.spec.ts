import { advisoryAndMonitoringGroup, belarus, pcDec526 } from '../support/press-release';
import { RegistryUnderTest, type StoreUnderTest } from '../support/registry-app';

const AMG = 'advisory-and-monitoring-group-in-belarus';
const OFFICE = 'office-in-minsk';

describe.each<[StoreUnderTest]>([['sqlite'], ['kurrentdb-double']])(
  'The press release of 30 December 2002, recorded over HTTP on %s',
  (store) => {
    let registry: RegistryUnderTest;
    let position: number;

    beforeAll(async () => {
      registry = await RegistryUnderTest.start(store);
    });
    afterAll(async () => registry?.stop());

    const eventsNow = async () =>
      (await registry.get('/api/events?limit=1000')).body.items as Array<{
        type: string;
        stream: string;
        data: Record<string, unknown>;
        metadata: Record<string, string>;
      }>;
    const operation = async (id: string, asOf: string) =>
      (await registry.get(`/api/field-operations/${id}?asOf=${asOf}&minPosition=${position}`)).body;

    it('records Belarus, the AMG, then PC.DEC/526 with its two effects', async () => {
      expect((await registry.post('/api/participating-states', belarus)).status).toBe(201);
      const amg = await registry.post('/api/field-operations', advisoryAndMonitoringGroup);
      expect(amg.status).toBe(201);
      expect(amg.headers.get('location')).toBe(`/api/field-operations/${AMG}`);
      expect(amg.headers.get('etag')).toBe('"0"');

      const decision = await registry.post('/api/decisions', pcDec526);
      expect(decision.status).toBe(201);
      expect(decision.body).toMatchObject({ id: 'pc-dec-526', revision: 0 });
      position = decision.body.position;
      expect(position).toBeGreaterThan(amg.body.position);

      const recorded = (await eventsNow()).filter(
        (e) => !e.stream.startsWith('participating-state-'),
      );
      expect(recorded.map((e) => e.type)).toEqual([
        'GroupEstablished',
        'DecisionRecorded',
        'OfficeEstablished',
        'MandateAgreed',
        'GroupClosed',
      ]);
      const instants = new Set(recorded.slice(1).map((e) => e.metadata.recordedAt));
      expect(instants.size).toBe(1);
      const cited = recorded.slice(1).map((e) => e.data.reference ?? e.data.decision);
      expect(cited).toEqual(['PC.DEC/526', 'PC.DEC/526', 'PC.DEC/526', 'PC.DEC/526']);
    });

    it('answers what was in force on 2002-12-31 and on 2003-01-01', async () => {
      expect((await operation(AMG, '2002-12-31')).status).toBe('active');
      expect((await operation(OFFICE, '2002-12-31')).status).toBe('not-yet-established');

      const office = await operation(OFFICE, '2003-01-01');
      const amg = await operation(AMG, '2003-01-01');
      expect(office).toMatchObject({ status: 'active', kind: 'office', predecessors: [AMG] });
      expect(office.mandate).toMatchObject({ decision: 'PC.DEC/526', until: '2003-12-31' });
      expect(amg).toMatchObject({ status: 'closed', closedOn: '2002-12-31', successors: [OFFICE] });
    });

    it('lists exactly the Office as active in Belarus on 2003-06-01', async () => {
      const list = await registry.get(
        `/api/field-operations?status=active&hostState=belarus&asOf=2003-06-01&minPosition=${position}`,
      );
      expect(list.status).toBe(200);
      expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([OFFICE]);
    });

    it('writes nothing when the second effect of a decision is invalid, pointing at it', async () => {
      const before = (await eventsNow()).length;
      const establish = { ...pcDec526.effects![0], id: 'another-office', predecessors: [] };
      for (const closedOn of ['2002-13-01', '1990-01-01']) {
        const attempt = await registry.post('/api/decisions', {
          ...pcDec526,
          reference: 'PC.DEC/9999',
          effects: [establish, { ...pcDec526.effects![1], operation: OFFICE, closedOn }],
        });
        expect(attempt.status).toBe(422);
        expect(attempt.headers.get('content-type')).toContain('application/problem+json');
        expect(attempt.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(
          '/effects/1/closedOn',
        );
      }
      expect((await eventsNow()).length).toBe(before);
      expect((await registry.get('/api/field-operations/another-office')).status).toBe(404);
    });

    it('does not record an accepted decision twice when it is sent again', async () => {
      const before = (await eventsNow()).length;
      const again = await registry.post('/api/decisions', pcDec526);
      expect(again.status).toBe(409);
      expect((await eventsNow()).length).toBe(before);
    });

    it('serves the same answers after a restart, with every projection resumed at the head', async () => {
      registry = await registry.restart();
      const health = await registry.get(`/health?minPosition=${position}`);
      expect(health.status).toBe(200);
      for (const projection of health.body.projections) {
        expect(projection).toMatchObject({ lag: '0', error: null });
      }
      expect((await operation(OFFICE, '2003-01-01')).status).toBe('active');
      const history = await registry.get(
        `/api/field-operations/${OFFICE}/history?minPosition=${position}`,
      );
      expect(history.body.items.map((h: { type: string }) => h.type)).toEqual([
        'OfficeEstablished',
        'MandateAgreed',
      ]);
    });
  },
);
