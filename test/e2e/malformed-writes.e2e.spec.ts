import { advisoryAndMonitoringGroup, belarus, pcDec526 } from '../support/press-release';
import { expectRefusedAt, startWithBelarusGroup } from '../support/refusals';
import { RegistryUnderTest } from '../support/registry-app';

/** Bodies that once slipped past validation: each must be a 4xx problem and write nothing. */
describe('Malformed writes are refused before anything is recorded', () => {
  let registry: RegistryUnderTest;

  beforeAll(async () => {
    registry = await startWithBelarusGroup();
  });
  afterAll(async () => registry?.stop());

  const office = pcDec526.effects![0];
  it.each<[string, string, unknown, string]>([
    [
      'a mandate that is an array',
      '/api/field-operations',
      { ...office, action: undefined, mandate: [] },
      '/mandate',
    ],
    ['an effect that is an array', '/api/decisions', { ...pcDec526, effects: [[]] }, '/effects'],
    ['an effect that is null', '/api/decisions', { ...pcDec526, effects: [null] }, '/effects/0'],
    [
      'an unknown effect action',
      '/api/decisions',
      { ...pcDec526, effects: [{ action: 'annex' }] },
      '/effects/0/action',
    ],
    [
      'an empty decision reference',
      '/api/field-operations',
      { ...office, action: undefined, decision: '' },
      '/decision',
    ],
    [
      'the same host State twice',
      '/api/field-operations',
      { ...office, action: undefined, hostStates: ['belarus', 'belarus'] },
      '/hostStates',
    ],
    [
      'host States as a string',
      '/api/field-operations',
      { ...office, action: undefined, hostStates: 'belarus' },
      '/hostStates',
    ],
  ])('refuses %s', async (_label, path, body, pointer) => {
    await expectRefusedAt(registry, path, body, pointer);
  });

  it('refuses If-Match on a decision, which has no single revision to match', async () => {
    const response = await registry.post('/api/decisions', pcDec526, { 'if-match': '"3"' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ header: 'If-Match' })]);
  });

  it.each(['after=9999999999999999999', 'minPosition=9999999999999999999'])(
    'answers 400, not 500, to a position beyond any store (%s)',
    async (query) => {
      const response = await registry.get(`/api/events?${query}`);
      expect(response.status).toBe(400);
    },
  );
});

describe('Concurrent commands on one operation against the KurrentDB double', () => {
  let registry: RegistryUnderTest;
  beforeAll(async () => {
    registry = await RegistryUnderTest.start('kurrentdb-double');
    await registry.post('/api/participating-states', belarus);
    await registry.post('/api/field-operations', advisoryAndMonitoringGroup);
  });
  afterAll(async () => registry?.stop());

  it('answers each racing write 200 or 409, and records exactly the accepted ones', async () => {
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        registry.post(`/api/field-operations/${advisoryAndMonitoringGroup.id}/heads`, {
          name: `Head ${i}`,
          from: `${1998 + i}`,
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    const accepted = responses.filter((r) => r.status === 200);
    const last = Math.max(...accepted.map((r) => r.body.position));
    const history = await registry.get(
      `/api/field-operations/${advisoryAndMonitoringGroup.id}/history?minPosition=${last}`,
    );
    const heads = history.body.items.filter((h: { type: string }) => h.type === 'HeadAppointed');
    expect(heads).toHaveLength(accepted.length);
    for (const conflict of responses.filter((r) => r.status === 409)) {
      expect(conflict.body.type).toMatch(/concurrent-change$/);
    }
  });
});
