import { advisoryAndMonitoringGroup, belarus } from '../support/press-release';
import { RegistryUnderTest } from '../support/registry-app';

describe('Health while the KurrentDB store is unreachable (protocol double stopped)', () => {
  let registry: RegistryUnderTest;
  beforeAll(async () => {
    registry = await RegistryUnderTest.start('kurrentdb-double');
    await registry.post('/api/participating-states', belarus);
    const amg = await registry.post('/api/field-operations', advisoryAndMonitoringGroup);
    await registry.get(`/health?minPosition=${amg.body.position}`);
  });
  afterAll(async () => registry?.stop());

  it('is ok and ready while the store answers', async () => {
    expect((await registry.get('/health')).body).toMatchObject({ status: 'ok' });
    expect((await registry.get('/health/ready')).status).toBe(200);
  });

  it('reports degraded, keeps serving reads and refuses writes with 503 during the outage', async () => {
    await registry.double!.stop();
    try {
      const health = await registry.get('/health');
      expect(health.status).toBe(200);
      expect(health.body.status).toBe('degraded');
      expect(health.body.eventStore.error).toEqual(expect.any(String));
      const ready = await registry.get('/health/ready');
      expect(ready.status).toBe(503);

      const read = await registry.get(`/api/field-operations/${advisoryAndMonitoringGroup.id}`);
      expect(read.status).toBe(200);
      const write = await registry.post(
        `/api/field-operations/${advisoryAndMonitoringGroup.id}/heads`,
        {
          name: 'Hans-Georg Wieck',
          from: '1998-02',
        },
      );
      expect(write.status).toBe(503);
      expect(write.headers.get('retry-after')).toBe('5');
    } finally {
      await registry.double!.start();
    }
    // The store's client reconnects on its own backoff: a client retries a 503 after Retry-After.
    const deadline = Date.now() + 10_000;
    let again = await registry.post(
      `/api/field-operations/${advisoryAndMonitoringGroup.id}/heads`,
      { name: 'Hans-Georg Wieck', from: '1998-02' },
    );
    while (again.status === 503 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      again = await registry.post(`/api/field-operations/${advisoryAndMonitoringGroup.id}/heads`, {
        name: 'Hans-Georg Wieck',
        from: '1998-02',
      });
    }
    expect(again.status).toBe(200);
    const history = await registry.get(
      `/api/field-operations/${advisoryAndMonitoringGroup.id}/history?minPosition=${again.body.position}`,
    );
    expect(history.body.items.map((h: { type: string }) => h.type)).toEqual([
      'GroupEstablished',
      'HeadAppointed',
    ]);
  });
});
