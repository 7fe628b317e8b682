import Database from 'better-sqlite3';
import { join } from 'node:path';
import { AUDITOR_ACTOR, RegistryUnderTest } from '../support/registry-app';

const AMG = 'field-operation-advisory-and-monitoring-group-in-belarus';

describe('Tamper evidence over HTTP: GET /api/audit/verification, POST /api/audit/seals', () => {
  let registry: RegistryUnderTest;

  beforeAll(async () => {
    registry = await RegistryUnderTest.startWithPressRelease('sqlite');
  });
  afterAll(async () => registry?.stop());

  it('verifies the seeded log: six chained events, no seal yet', async () => {
    const response = await registry.get('/api/audit/verification');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      ok: true,
      eventsChecked: 6,
      streamsChecked: 4,
      sealsChecked: 0,
      lastPosition: 6,
      lastSeal: null,
      unsealedEvents: 6,
      firstFailure: null,
      failures: [],
    });
  });

  it('seals on demand (201), then answers the same seal while nothing new was recorded (200)', async () => {
    const first = await registry.post('/api/audit/seals', {}, { 'x-reason': 'quarterly audit' });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      created: true,
      seal: {
        stream: 'ledger-seals',
        revision: 0,
        position: 7,
        upToPosition: 6,
        eventCount: 6,
        root: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
    const again = await registry.post('/api/audit/seals', {});
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ created: false, seal: first.body.seal });

    const [sealEvent] = (await registry.get('/api/events?after=6')).body.items;
    expect(sealEvent).toMatchObject({
      stream: 'ledger-seals',
      type: 'LedgerSealed',
      data: {
        algorithm: 'rfc6962-sha256',
        upToPosition: 6,
        eventCount: 6,
        root: first.body.seal.root,
      },
      metadata: { actor: AUDITOR_ACTOR, reason: 'quarterly audit', previousHash: '0'.repeat(64) },
    });
    const report = (await registry.get('/api/audit/verification')).body;
    expect(report).toMatchObject({ ok: true, sealsChecked: 1, unsealedEvents: 1 });
    expect(report.lastSeal).toMatchObject({ upToPosition: 6, root: first.body.seal.root });
  });

  it('names an event edited in the live file behind the registry', async () => {
    const db = new Database(join(registry.config.dataDir, 'events.sqlite'));
    try {
      db.prepare(
        "UPDATE events SET data = json_set(data, '$.seat', 'Vitebsk') WHERE stream = ? AND revision = 0",
      ).run(AMG);
    } finally {
      db.close();
    }
    const report = (await registry.get('/api/audit/verification')).body;
    expect(report.ok).toBe(false);
    expect(report.firstFailure).toMatchObject({
      kind: 'hash-mismatch',
      subject: 'event',
      stream: AMG,
      revision: 0,
      position: 2,
    });
    expect(report.failures[1]).toMatchObject({
      kind: 'seal-mismatch',
      stream: 'ledger-seals',
      revision: 0,
    });
  });

  it('documents both endpoints in the OpenAPI document', async () => {
    const { paths } = (await registry.get('/api/docs/openapi.json')).body;
    expect(paths['/api/audit/verification'].get.responses['200']).toBeDefined();
    expect(Object.keys(paths['/api/audit/seals'].post.responses)).toEqual(
      expect.arrayContaining(['200', '201']),
    );
  });
});

describe('POST /api/audit/seals on an empty log', () => {
  it('answers 200 with no seal, and records nothing', async () => {
    const registry = await RegistryUnderTest.start('sqlite');
    try {
      const response = await registry.post('/api/audit/seals', {});
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ created: false, seal: null });
      expect((await registry.get('/api/events')).body.items).toEqual([]);
    } finally {
      await registry.stop();
    }
  });
});

describe('Tamper evidence on the KurrentDB adapter (in-process protocol double)', () => {
  it('chains and seals what goes through the real client, and verifies it', async () => {
    const registry = await RegistryUnderTest.startWithPressRelease('kurrentdb-double');
    try {
      const sealed = await registry.post('/api/audit/seals', {});
      expect(sealed.status).toBe(201);
      expect(sealed.body.seal).toMatchObject({ eventCount: 6, revision: 0 });
      const report = (await registry.get('/api/audit/verification')).body;
      expect(report).toMatchObject({
        ok: true,
        eventsChecked: 7,
        streamsChecked: 5,
        sealsChecked: 1,
      });
      expect(report.lastSeal.upToPosition).toBe(sealed.body.seal.upToPosition);
    } finally {
      await registry.stop();
    }
  });
});
