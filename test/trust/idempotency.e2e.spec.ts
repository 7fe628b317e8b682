import Database from 'better-sqlite3';
import { connect } from 'node:net';
import { join } from 'node:path';
import { requestFingerprint } from '../../src/idempotency/idempotency-key';
import { IDEMPOTENCY_FILE } from '../../src/idempotency/idempotency.module';
import { RegistryUnderTest, type StoreUnderTest } from '../support/registry-app';
import { recorderAuthorization } from './support/recorder-key';

const OFFICE = '/api/field-operations/office-in-minsk';
const head = (name: string) => ({ name, from: '2003-02-10' });

async function historyLength(registry: RegistryUnderTest, position: number): Promise<number> {
  const history = await registry.get(`${OFFICE}/history?minPosition=${position}`);
  return history.body.items.length;
}

/** A POST written byte by byte, so that no client library tidies the header up first. */
function rawPost(
  baseUrl: string,
  path: string,
  header: string,
  body: unknown,
): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(baseUrl);
  const json = Buffer.from(JSON.stringify(body));
  const head = Buffer.concat([
    Buffer.from(`POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n`),
    Buffer.from(`Content-Type: application/json\r\nContent-Length: ${json.length}\r\n`),
    Buffer.from(header, 'utf8'),
    Buffer.from('\r\n\r\n'),
  ]);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(Buffer.concat([head, json])));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', reject);
    socket.on('close', () =>
      resolve({ status: Number(answer.split(' ')[1]), text: answer.split('\r\n\r\n')[1] ?? '' }),
    );
  });
}

async function eventCount(registry: RegistryUnderTest): Promise<number> {
  const feed = await registry.get('/api/events?limit=1000');
  return feed.body.items.length;
}

describe.each<StoreUnderTest>(['sqlite', 'kurrentdb-double'])(
  'Idempotency-Key on POSTs (%s)',
  (store) => {
    let registry: RegistryUnderTest;
    let alice: Record<string, string>;
    let bob: Record<string, string>;

    beforeAll(async () => {
      registry = await RegistryUnderTest.startWithPressRelease(store);
      alice = recorderAuthorization(registry.config.dataDir, 'alice');
      bob = recorderAuthorization(registry.config.dataDir, 'bob');
    }, 30_000);
    afterAll(async () => registry?.stop());

    /** A POST as alice unless other credentials are given. */
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      registry.post(path, body, { ...alice, ...headers });
    const appoint = (name: string, headers: Record<string, string>) =>
      post(`${OFFICE}/heads`, head(name), headers);

    it('replays the first answer for the same key and body, and records nothing again', async () => {
      const first = await appoint('Eberhard Heyken', { 'idempotency-key': 'appoint-heyken-1' });
      expect(first.status).toBe(200);
      const before = await historyLength(registry, first.body.position);

      const again = await post(
        `${OFFICE}/heads`,
        { from: '2003-02-10', name: 'Eberhard Heyken' }, // same body, other key order
        { 'idempotency-key': 'appoint-heyken-1' },
      );
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      expect(await historyLength(registry, first.body.position)).toBe(before);
    });

    it('replays a creation with its 201, Location and ETag', async () => {
      const decision = { reference: 'PC.DEC/999', body: 'permanent-council', adoptedOn: '2010' };
      const first = await post('/api/decisions', decision, { 'idempotency-key': 'd-999' });
      expect(first.status).toBe(201);
      const count = await eventCount(registry);
      const again = await post('/api/decisions', decision, { 'idempotency-key': 'd-999' });
      expect(again.status).toBe(201);
      expect(again.headers.get('location')).toBe(first.headers.get('location'));
      expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(again.body).toEqual(first.body);
      expect(await eventCount(registry)).toBe(count);
      // Without the key the same decision is refused: it is recorded already.
      expect((await post('/api/decisions', decision)).status).toBe(409);
    });

    it('refuses the same key with another body with 422 idempotency-key-reused', async () => {
      const first = await appoint('Aivo Orav', { 'idempotency-key': 'appoint-2' });
      expect(first.status).toBe(200);
      const count = await eventCount(registry);
      const other = await appoint('Someone Else', { 'idempotency-key': 'appoint-2' });
      expect(other.status).toBe(422);
      expect(other.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(other.body.type).toMatch(/\/idempotency-key-reused$/);
      // the same body on another path is another request too
      const elsewhere = await post(
        '/api/field-operations/advisory-and-monitoring-group-in-belarus/heads',
        head('Aivo Orav'),
        { 'idempotency-key': 'appoint-2' },
      );
      expect(elsewhere.status).toBe(422);
      expect(await eventCount(registry)).toBe(count);
    });

    /** The idempotency file as another process (a server that died) left it. */
    const keys = <T>(change: (db: Database.Database) => T): T => {
      const db = new Database(join(registry.config.dataDir, IDEMPOTENCY_FILE));
      try {
        return change(db);
      } finally {
        db.close();
      }
    };
    const HOUR = 3_600_000;

    it('does not record again a request whose answer was lost once its claim has lapsed', async () => {
      const key = { 'idempotency-key': 'lost-answer-1' };
      const first = await appoint('Lost Answer', key);
      expect(first.status).toBe(200);
      const count = await eventCount(registry);
      // Its server died after recording and before keeping the answer, an hour ago.
      keys((db) =>
        db
          .prepare(
            `UPDATE idempotency_keys SET state = 'in-flight', owner = 'a dead server',
               claimed_at = claimed_at - ${HOUR}, status = NULL, headers = NULL, body = NULL
             WHERE key = 'lost-answer-1'`,
          )
          .run(),
      );
      const retry = await appoint('Lost Answer', key);
      expect(retry.status).toBe(409);
      expect(retry.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(retry.body.type).toMatch(/\/idempotency-key-applied$/);
      expect(retry.body.detail).toContain(String(first.body.position));
      expect(await eventCount(registry)).toBe(count);
      const again = await appoint('Lost Answer', key);
      expect([again.status, again.headers.get('idempotent-replayed')]).toEqual([409, 'true']);
      expect(await eventCount(registry)).toBe(count);
    });

    it('runs a request whose lapsed claim recorded nothing', async () => {
      const path = `${OFFICE}/heads`;
      const body = head('Never Recorded');
      const health = await registry.get('/health');
      const logHead = String(health.body.eventStore.headPosition);
      keys((db) => {
        const principal = db
          .prepare<[], string>(`SELECT principal FROM idempotency_keys WHERE key = 'lost-answer-1'`)
          .pluck()
          .get();
        const claimedAt = Date.now() - HOUR;
        db.prepare(
          `INSERT INTO idempotency_keys
             (principal, key, fingerprint, state, owner, claimed_at, expires_at, log_head)
           VALUES (?, 'lost-answer-2', ?, 'in-flight', 'a dead server', ?, ?, ?)`,
        ).run(
          principal,
          requestFingerprint('POST', path, body),
          claimedAt,
          claimedAt + 24 * HOUR,
          logHead,
        );
      });
      const count = await eventCount(registry);
      const retry = await post(path, body, { 'idempotency-key': 'lost-answer-2' });
      expect(retry.status).toBe(200);
      expect(retry.headers.get('idempotent-replayed')).toBeNull();
      expect(await eventCount(registry)).toBe(count + 1);
    });

    it('keeps no failed answer: a retry after a 4xx runs again', async () => {
      const key = { 'idempotency-key': 'close-early' };
      const closure = { closedOn: '2002', reason: 'mandate-expired' };
      const early = await post(`${OFFICE}/closure`, closure, key);
      expect(early.status).toBe(422);
      const again = await post(`${OFFICE}/closure`, closure, key);
      expect(again.status).toBe(422);
      expect(again.headers.get('idempotent-replayed')).toBeNull();
    });

    it.each([
      ['empty', ''],
      ['too long', 'k'.repeat(201)],
      ['non-ASCII', 'clé-1'],
      ['a tab inside', 'a\tb'],
    ])('answers a key that is %s with a 400 problem naming the header', async (_l, key) => {
      const count = await eventCount(registry);
      const response = await rawPost(
        registry.baseUrl,
        `${OFFICE}/heads`,
        `Authorization: ${alice.authorization}\r\nIdempotency-Key: ${key}`,
        head('Bad Key'),
      );
      expect(response.status).toBe(400);
      expect(JSON.parse(response.text)).toMatchObject({
        type: expect.stringMatching(/\/invalid-header$/),
        errors: [{ header: 'Idempotency-Key' }],
      });
      expect(await eventCount(registry)).toBe(count);
    });

    it('scopes keys per principal: the same key from two clients records both', async () => {
      const count = await eventCount(registry);
      const fromAlice = await appoint('Shared Key', { 'idempotency-key': 'shared-1' });
      const fromBob = await appoint('Shared Key', { ...bob, 'idempotency-key': 'shared-1' });
      expect([fromAlice.status, fromBob.status]).toEqual([200, 200]);
      expect(fromBob.headers.get('idempotent-replayed')).toBeNull();
      expect(fromBob.body.revision).toBe(fromAlice.body.revision + 1);
      expect(await eventCount(registry)).toBe(count + 2);
      // and bob's differing body under alice's key is no reuse of alice's key
      const bobOther = await appoint('Other Head', { ...bob, 'idempotency-key': 'alice-only' });
      expect(bobOther.status).toBe(200);
    });

    it('accepts 200 printable ASCII characters', async () => {
      const key = ' !"#$%&\'()*+,-./0123456789:;<=>?@AZ[\\]^_`az{|}~'.padEnd(200, 'x');
      const response = await appoint('Long Key', { 'idempotency-key': key });
      expect(response.status).toBe(200);
      expect((await appoint('Long Key', { 'idempotency-key': key })).body).toEqual(response.body);
    });

    it('lets 20 concurrent requests with one key record once: one runs, the rest replay it or get 409', async () => {
      const count = await eventCount(registry);
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => appoint('Racing Head', { 'idempotency-key': 'race-1' })),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
      const ran = answers.filter((a) => a.status === 200 && !a.headers.get('idempotent-replayed'));
      expect(ran).toHaveLength(1);
      for (const a of answers.filter((a) => a.status === 409)) {
        expect(a.body.type).toMatch(/\/idempotency-key-in-flight$/);
        expect(a.headers.get('retry-after')).toBe('1');
      }
      expect(await eventCount(registry)).toBe(count + 1);
      const late = await appoint('Racing Head', { 'idempotency-key': 'race-1' });
      expect(late.body).toEqual(ran[0].body);
    });

    it('replays the answer of a route that sends it itself, with its own status (a seal: 201, then 200 without the key)', async () => {
      const auditor = recorderAuthorization(registry.config.dataDir, `auditor-${store}`, 'auditor');
      const headers = { ...auditor, 'idempotency-key': 'seal-1' };
      const first = await registry.post('/api/audit/seals', undefined, headers);
      expect(first.status).toBe(201);
      const again = await registry.post('/api/audit/seals', undefined, headers);
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
      expect((await registry.post('/api/audit/seals', undefined, auditor)).status).toBe(200);
    });

    it('documents the header on every POST of the OpenAPI document', async () => {
      const document = (await registry.get('/api/docs/openapi.json')).body as {
        paths: Record<string, { post?: { parameters?: Array<{ name: string; in: string }> } }>;
      };
      const posts = Object.entries(document.paths).filter(([, item]) => item.post);
      expect(posts.length).toBeGreaterThan(15);
      for (const [path, item] of posts) {
        expect([path, item.post!.parameters]).toEqual([
          path,
          expect.arrayContaining([
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description: expect.any(String),
              schema: expect.objectContaining({ maxLength: 200 }),
            },
          ]),
        ]);
      }
    });

    it('still replays after a restart', async () => {
      const first = await appoint('Before Restart', { 'idempotency-key': 'restart-1' });
      expect(first.status).toBe(200);
      registry = await registry.restart();
      const count = await eventCount(registry);
      const again = await appoint('Before Restart', { 'idempotency-key': 'restart-1' });
      expect(again.status).toBe(200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await eventCount(registry)).toBe(count);
    }, 30_000);
  },
);
