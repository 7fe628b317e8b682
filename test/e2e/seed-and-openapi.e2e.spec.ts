import { RegistryUnderTest } from '../support/registry-app';

describe('A fresh registry with REGISTRY_SEED=osce (the default)', () => {
  let registry: RegistryUnderTest;
  beforeAll(async () => {
    registry = await RegistryUnderTest.start('sqlite', { seed: 'osce' });
  });
  afterAll(async () => registry?.stop());

  const head = async (): Promise<number> => {
    const health = await registry.get('/health');
    return Number(health.body.eventStore.headPosition);
  };

  it('has the bundled OSCE history recorded through the commands, by the import actor', async () => {
    const events = (await registry.get('/api/events?limit=50')).body.items;
    expect(events.length).toBe(50);
    expect(
      events.every((e: { metadata: { actor: string } }) => e.metadata.actor === 'import'),
    ).toBe(true);
    const office = await registry.get(
      `/api/field-operations/office-in-minsk?asOf=2003-01-01&minPosition=${await head()}`,
    );
    expect(office.body).toMatchObject({ status: 'active', establishedOn: '2003-01-01' });
  });

  it('records nothing more on restart', async () => {
    const before = await head();
    registry = await registry.restart();
    expect(await head()).toBe(before);
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
      '/api/field-operations/{id}/seat-changes',
      '/api/field-operations/{id}/host-state-changes',
      '/api/field-operations/{id}/notes',
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
      '/api/field-operations/{id}/lineage',
      '/api/timeline',
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
