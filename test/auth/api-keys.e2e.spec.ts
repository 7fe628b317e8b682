import { ApiKeyStore } from '../../src/auth/api-key-store';
import { RECORDER_ACTOR, RegistryUnderTest, TEST_KEY_NAMES } from '../support/registry-app';

const PROBLEM_JSON = /^application\/problem\+json/;
const belarus = { id: 'belarus', name: 'Belarus', admittedOn: '1992-01-30' };
const stateOf = (id: string) => ({ id, name: id, admittedOn: '1992' });

describe('API keys and roles over HTTP (public reads, the default)', () => {
  let registry: RegistryUnderTest;
  beforeAll(async () => {
    registry = await RegistryUnderTest.start('sqlite');
  });
  afterAll(async () => registry?.stop());

  const eventCount = async (): Promise<number> =>
    (await registry.get('/api/events?limit=1000')).body.items.length;

  it('answers a write without credentials with 401, WWW-Authenticate: Bearer and a problem', async () => {
    const response = await registry.as(null).post('/api/participating-states', belarus);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="registry"');
    expect(response.headers.get('content-type')).toMatch(PROBLEM_JSON);
    expect(response.body).toMatchObject({
      type: 'https://registry.example/problems/authentication-required',
      status: 401,
      detail: expect.stringContaining('recorder'),
    });
    expect(await eventCount()).toBe(0);
  });

  it.each([
    ['Basic dXNlcjpwYXNz', 'Bearer realm="registry"'],
    ['Bearer reg_notakey', 'Bearer realm="registry", error="invalid_token"'],
    [`Bearer reg_${'A'.repeat(43)}`, 'Bearer realm="registry", error="invalid_token"'],
    [
      'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
      'Bearer realm="registry", error="invalid_token"',
    ],
  ])('answers a write with Authorization: %s with 401', async (authorization, challenge) => {
    const response = await registry.post('/api/participating-states', belarus, { authorization });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(challenge);
    expect(JSON.stringify(response.body)).not.toContain(authorization.slice(7));
    expect(await eventCount()).toBe(0);
  });

  it('answers a write with a reader key, or an auditor key, with 403', async () => {
    for (const key of [registry.keys.reader, registry.keys.auditor]) {
      const response = await registry.as(key).post('/api/participating-states', belarus);
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toMatch(PROBLEM_JSON);
      expect(response.body).toMatchObject({
        type: 'https://registry.example/problems/forbidden',
        detail: expect.stringContaining('needs the role recorder'),
      });
      expect(JSON.stringify(response.body)).not.toContain(key);
    }
    expect(await eventCount()).toBe(0);
  });

  it('records a write with a recorder key under the actor key:<name>', async () => {
    const response = await registry
      .as(registry.keys.recorder)
      .post('/api/participating-states', belarus, { 'x-correlation-id': 'auth-1' });
    expect(response.status).toBe(201);
    const [event] = (await registry.get('/api/events?correlationId=auth-1&minPosition=1')).body
      .items;
    expect(event.metadata.actor).toBe(`key:${TEST_KEY_NAMES.recorder}`);
    expect(RECORDER_ACTOR).toBe('key:test-recorder');
  });

  it('refuses an actor in the body (422), and never records it', async () => {
    const before = await eventCount();
    const response = await registry
      .as(registry.keys.recorder)
      .post('/api/participating-states', { ...stateOf('mallory-land'), actor: 'mallory' });
    expect(response.status).toBe(422);
    expect(await eventCount()).toBe(before);
    const actors = (await registry.get('/api/events?limit=1000')).body.items.map(
      (e: { metadata: { actor: string } }) => e.metadata.actor,
    );
    expect(actors).not.toContain('mallory');
  });

  it('refuses a key from the next request on once it is revoked (by another connection, as the CLI does)', async () => {
    const admin = ApiKeyStore.inDataDir(registry.config.dataDir);
    const { key } = admin.create('soon-revoked', 'recorder');
    try {
      expect(
        (await registry.as(key).post('/api/participating-states', stateOf('s-1'))).status,
      ).toBe(201);
      admin.revoke('soon-revoked');
      const response = await registry.as(key).post('/api/participating-states', stateOf('s-2'));
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
      expect(response.body.detail).toBe('The API key is unknown or has been revoked.');
      // Also on a public read: credentials that are sent are checked.
      expect((await registry.as(key).get('/api/participating-states')).status).toBe(401);
    } finally {
      admin.close();
    }
  });

  it('serves reads to anyone, and to any valid key', async () => {
    expect((await registry.as(null).get('/api/participating-states/belarus')).status).toBe(200);
    expect((await registry.as(registry.keys.reader).get('/api/decisions')).status).toBe(200);
    expect((await registry.as(null).get('/api/events?format=json')).status).toBe(200);
  });

  describe('audit endpoints and full exports need the auditor role', () => {
    const auditorOnly: Array<[string, string, Record<string, string>?]> = [
      ['GET', '/api/audit/verification'],
      ['POST', '/api/audit/seals'],
      ['GET', '/api/exports/popolo'],
      ['GET', '/api/exports/jsonld'],
      ['GET', '/api/exports/field-operations.csv'],
      ['GET', '/api/events?format=ndjson'],
      ['GET', '/api/events?format=csv'],
      ['GET', '/api/events', { accept: 'text/csv' }],
    ];

    it.each(auditorOnly)(
      '%s %s: 401 without a key, 403 with a recorder or reader key, 2xx for the auditor',
      async (method, path, headers = {}) => {
        const none = await registry.as(null).request(method, path, undefined, headers);
        expect(none.status).toBe(401);
        expect(none.headers.get('www-authenticate')).toBe('Bearer realm="registry"');
        for (const key of [registry.keys.recorder, registry.keys.reader]) {
          const wrong = await registry.as(key).request(method, path, undefined, headers);
          expect(wrong.status).toBe(403);
          expect(wrong.body.detail).toContain('needs the role auditor');
        }
        const auditor = await registry
          .as(registry.keys.auditor)
          .request(method, path, undefined, headers);
        expect([200, 201]).toContain(auditor.status);
      },
    );
  });

  it('keeps health public, whatever the credentials', async () => {
    expect((await registry.as(null).get('/health')).status).toBe(200);
    expect((await registry.as('reg_revoked-or-not').get('/health')).status).toBe(200);
  });
});

describe('API keys over HTTP with REGISTRY_PUBLIC_READS=false', () => {
  let registry: RegistryUnderTest;
  beforeAll(async () => {
    registry = await RegistryUnderTest.start('sqlite', { publicReads: false });
  });
  afterAll(async () => registry?.stop());

  it('answers a read without credentials with 401, and serves it to a key of any role', async () => {
    const none = await registry.as(null).get('/api/participating-states');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="registry"');
    expect(none.body.type).toBe('https://registry.example/problems/authentication-required');
    for (const key of Object.values(registry.keys)) {
      expect((await registry.as(key).get('/api/participating-states')).status).toBe(200);
    }
    expect((await registry.as(`reg_${'B'.repeat(43)}`).get('/api/decisions')).status).toBe(401);
  });

  it('keeps health public', async () => {
    expect((await registry.as(null).get('/health')).status).toBe(200);
  });

  it('checks credentials before read-your-writes: no wait, no position check without them', async () => {
    // Were minPosition looked at first, these would answer 503 (the log never gets that far)
    // and 400: a client that may not read would learn how far the log is, or make it wait.
    const ahead = await registry.as(null).get('/api/participating-states?minPosition=999999999');
    expect(ahead.status).toBe(401);
    const malformed = await registry.as(null).get('/api/decisions', { 'x-min-position': 'soon' });
    expect(malformed.status).toBe(401);
    const reader = await registry
      .as(registry.keys.reader)
      .get('/api/participating-states', { 'x-min-position': 'soon' });
    expect(reader.status).toBe(400);
  });
});
