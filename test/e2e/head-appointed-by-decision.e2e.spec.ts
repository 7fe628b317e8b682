import { RegistryUnderTest } from '../support/registry-app';

type FeedItem = { type: string; position: string; data: Record<string, unknown> };

/** A head appointed by a decision cites it, as every other effect does (fuzz finding 4). */
describe('A head appointed as an effect of a decision', () => {
  let registry: RegistryUnderTest;
  beforeAll(async () => {
    registry = await RegistryUnderTest.startWithPressRelease('sqlite');
  });
  afterAll(async () => registry?.stop());

  it('records the decision on HeadAppointed, so the events citing the decision include it', async () => {
    const recorded = await registry.post('/api/decisions', {
      reference: 'PC.DEC/527',
      body: 'permanent-council',
      adoptedOn: '2003-02',
      effects: [
        {
          action: 'appoint-head',
          operation: 'office-in-minsk',
          name: 'Eberhard Heyken',
          from: '2003-02-10',
        },
      ],
    });
    expect(recorded.status).toBe(201);
    const cited = await registry.get(
      `/api/events?decision=${encodeURIComponent('PC.DEC/527')}&minPosition=${recorded.body.position}`,
    );
    expect(cited.status).toBe(200);
    const items = cited.body.items as FeedItem[];
    expect(items.map((e) => e.type)).toEqual(['DecisionRecorded', 'HeadAppointed']);
    expect(items[1].data).toMatchObject({ name: 'Eberhard Heyken', decision: 'PC.DEC/527' });
    // The operation's history shows it too.
    const history = await registry.get(
      `/api/field-operations/office-in-minsk/history?minPosition=${recorded.body.position}`,
    );
    const entry = (history.body.items as Array<{ type: string }>).find(
      (e) => e.type === 'HeadAppointed',
    );
    expect(entry).toMatchObject({
      summary: 'Head appointed: Eberhard Heyken (PC.DEC/527)',
      decision: 'PC.DEC/527',
    });
  });

  it('records the decision a head appointment of its own cites, and refuses one not registered', async () => {
    const unknown = await registry.post('/api/field-operations/office-in-minsk/heads', {
      name: 'Ambassador Y',
      from: '2004',
      decision: 'PC.DEC/999',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/decision']);

    const appointed = await registry.post('/api/field-operations/office-in-minsk/heads', {
      name: 'Ambassador X',
      from: '2004',
      decision: 'PC.DEC/526',
    });
    expect(appointed.status).toBe(200);
    const history = await registry.get(
      `/api/field-operations/office-in-minsk/history?minPosition=${appointed.body.position}`,
    );
    const entries = history.body.items as Array<{ summary: string; decision: string | null }>;
    expect(entries[entries.length - 1]).toMatchObject({
      summary: 'Head appointed: Ambassador X (PC.DEC/526)',
      decision: 'PC.DEC/526',
    });
  });

  it('refuses a decision named inside an effect, which cites the decision recorded', async () => {
    const response = await registry.post('/api/decisions', {
      reference: 'PC.DEC/528',
      body: 'permanent-council',
      adoptedOn: '2003-03',
      effects: [
        {
          action: 'appoint-head',
          operation: 'office-in-minsk',
          name: 'Ambassador Z',
          from: '2003-03',
          decision: 'PC.DEC/526',
        },
      ],
    });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/effects/0/decision',
    ]);
  });
});
