import { RegistryUnderTest } from '../support/registry-app';

describe('A fresh registry with REGISTRY_SEED=osce', () => {
  let registry: RegistryUnderTest;
  beforeAll(async () => {
    registry = await RegistryUnderTest.start('sqlite', { seed: 'osce' });
  });
  afterAll(async () => registry?.stop());

  it('has the bundled example recorded through the commands, by the seed actor', async () => {
    const events = (await registry.get('/api/events')).body.items;
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'ParticipatingStateAdmitted',
      'GroupEstablished',
      'DecisionRecorded',
      'OfficeEstablished',
      'MandateAgreed',
      'GroupClosed',
    ]);
    expect(events.every((e: { metadata: { actor: string } }) => e.metadata.actor === 'seed')).toBe(
      true,
    );
    const head = events[events.length - 1].position;
    const office = await registry.get(
      `/api/field-operations/office-in-minsk?asOf=2003-01-01&minPosition=${head}`,
    );
    expect(office.body.status).toBe('active');
  });

  it('does not seed again on restart', async () => {
    registry = await registry.restart();
    expect((await registry.get('/api/events')).body.items).toHaveLength(6);
  });

  it('documents every endpoint, body and error in OpenAPI at /api/docs', async () => {
    expect((await registry.get('/api/docs')).status).toBe(200);
    const { paths } = (await registry.get('/api/docs/openapi.json')).body as {
      paths: Record<
        string,
        Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>
      >;
    };
    const writes = [
      '/api/participating-states',
      '/api/decisions',
      '/api/field-operations',
      '/api/field-operations/{id}/mandates',
      '/api/field-operations/{id}/mandate-extensions',
      '/api/field-operations/{id}/renamings',
      '/api/field-operations/{id}/heads',
      '/api/field-operations/{id}/closure',
    ];
    for (const path of writes) {
      expect(paths[path]?.post?.requestBody).toBeDefined();
      expect(Object.keys(paths[path].post.responses)).toEqual(
        expect.arrayContaining(['400', '409', '422', '503']),
      );
    }
    const reads = [
      '/api/field-operations',
      '/api/field-operations/{id}',
      '/api/field-operations/{id}/history',
      '/api/decisions',
      '/api/decisions/{id}',
      '/api/participating-states',
      '/api/participating-states/{id}',
      '/api/events',
      '/health',
    ];
    for (const path of reads) expect(paths[path]?.get?.responses['200']).toBeDefined();
  });
});
