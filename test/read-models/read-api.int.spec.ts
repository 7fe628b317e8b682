import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { streamOfOperation } from '../../src/field-operations/domain/events';
import { exited, onLines, spawnTs } from '../support/child-process';
import { AMG, OFFICE, record, recordSeedCase } from '../support/seed-case';

type Operation = {
  tags: string[];
  parameters: Array<{ name: string }>;
  responses: Record<string, unknown>;
};
type OpenApi = { paths: Record<string, { get?: Operation }> };

/** The read side served by a child process (see read-api.child.ts), driven over HTTP. */
describe('read API over HTTP', () => {
  let dir: string;
  let store: SqliteEventStore;
  let child: ChildProcess;
  let base: string;
  let closed = false;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'registry-read-api-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    await recordSeedCase(store);
    child = spawnTs('test/read-models/read-api.child.ts', [dir]);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const port = await new Promise<string>((resolve, reject) => {
      onLines(child.stdout!, (line) => {
        const match = /^listening (\d+)$/.exec(line);
        if (match) resolve(match[1]);
        if (line === 'closed') closed = true;
      });
      void exited(child).then((code) => reject(new Error(`child exited ${code}: ${stderr}`)));
    });
    base = `http://127.0.0.1:${port}`;
  }, 60_000);

  afterAll(async () => {
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    expect(closed).toBe(true);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A JSON answer: read models' items, a single record, a problem or a feed page. */
  interface Body {
    [field: string]: unknown;
    items: Array<{ [field: string]: unknown; id: string; position: number }>;
    projections: Array<{ name: string }>;
    next: number | null;
  }
  const get = async (
    path: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: Body; headers: Headers }> => {
    const response = await fetch(`${base}${path}`, { headers });
    const body = (await response.json()) as Body;
    return { status: response.status, body, headers: response.headers };
  };

  it('lists the operations active in Belarus on 2003-06-01: exactly the Office', async () => {
    const { status, body } = await get(
      '/api/field-operations?hostState=belarus&status=active&asOf=2003-06-01',
    );
    expect(status).toBe(200);
    expect(body.items.map((item) => item.id)).toEqual([OFFICE]);
    const all = await get(
      '/api/field-operations?asOf=2003-06-01&kind=advisory-and-monitoring-group',
    );
    expect(all.body.items).toMatchObject([{ id: AMG, status: 'closed', successors: [OFFICE] }]);
  });

  it('pages the list by id: next is the last id of a page while more follow, then null', async () => {
    const first = await get('/api/field-operations?asOf=2003-06-01&limit=1');
    expect(first.body.items.map((item) => item.id)).toEqual([AMG]);
    expect(first.body.next).toBe(AMG);
    const second = await get(`/api/field-operations?asOf=2003-06-01&limit=1&after=${AMG}`);
    expect(second.body.items.map((item) => item.id)).toEqual([OFFICE]);
    expect(second.body.next).toBeNull();
    const whole = await get('/api/field-operations?asOf=2003-06-01');
    expect(whole.body.items.map((item) => item.id)).toEqual([AMG, OFFICE]);
    expect(whole.body.next).toBeNull();
    // Written from the items' kept JSON (jsonPage), still JSON, and the same when asked again.
    expect(whole.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect((await get('/api/field-operations?asOf=2003-06-01')).body).toEqual(whole.body);
    // A filter applies before the page is cut: the only active operation fills a page of one.
    const active = await get('/api/field-operations?asOf=2003-06-01&status=active&limit=1');
    expect(active.body).toMatchObject({ items: [{ id: OFFICE }], next: null });
  });

  it('answers concurrent lists each with its own page (body buffers are reused only when written)', async () => {
    const queries = [
      'asOf=2003-06-01',
      'asOf=1999-01-01',
      'status=closed&asOf=2004-01-01',
      'limit=1',
    ];
    const expected = await Promise.all(
      queries.map(async (q) => (await get(`/api/field-operations?${q}`)).body),
    );
    const paths = Array.from({ length: 60 }, (_, i) => i % queries.length);
    const answers = await Promise.all(
      paths.map(async (i) => (await get(`/api/field-operations?${queries[i]}`)).body),
    );
    expect(answers).toEqual(paths.map((i) => expected[i]));
    expect(new Set(expected.map((body) => JSON.stringify(body))).size).toBe(queries.length);
  });

  it('answers HEAD on the list with the headers of the GET and no body', async () => {
    const path = `${base}/api/field-operations?asOf=2003-06-01`;
    const got = await fetch(path);
    const body = Buffer.from(await got.arrayBuffer());
    const head = await fetch(path, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(head.headers.get('content-length')).toBe(String(body.length));
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    // The body buffer the HEAD answer took is given back: the next GET is whole.
    expect(JSON.parse(await (await fetch(path)).text())).toEqual(JSON.parse(String(body)));
  });

  it('shows one operation on a day, with its revision as ETag', async () => {
    const office = await get(`/api/field-operations/${OFFICE}?asOf=2003-01-01`);
    expect(office.status).toBe(200);
    expect(office.headers.get('etag')).toBe('"1"');
    expect(office.body).toMatchObject({
      id: OFFICE,
      status: 'active',
      predecessors: [AMG],
      mandate: { until: '2003-12-31', decision: 'PC.DEC/526' },
      revision: 1,
    });
    const amg = await get(`/api/field-operations/${AMG}?asOf=2002-12-31`);
    expect(amg.body).toMatchObject({ status: 'active', successors: [OFFICE] });
    const today = await get(`/api/field-operations/${AMG}`);
    expect(today.body.status).toBe('closed');
  });

  it('answers 404 as a problem for an unknown operation, its history and other unknown ids', async () => {
    for (const path of [
      '/api/field-operations/office-in-atlantis',
      '/api/field-operations/office-in-atlantis/history',
      '/api/decisions/pc-dec-1',
      '/api/participating-states/atlantis',
    ]) {
      const response = await get(path);
      expect([path, response.status]).toEqual([path, 404]);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body.type).toBe('https://registry.example/problems/not-found');
    }
  });

  it.each([
    ['/api/field-operations?asOf=2003-02-30', 'asOf'],
    ['/api/field-operations?asOf=2003', 'asOf'],
    ['/api/field-operations?status=open', 'status'],
    ['/api/field-operations?kind=spaceship', 'kind'],
    ['/api/field-operations?hostState=Belarus!', 'hostState'],
    ['/api/field-operations?colour=blue', 'colour'],
    ['/api/field-operations?limit=0', 'limit'],
    ['/api/field-operations?limit=1001', 'limit'],
    ['/api/field-operations?limit=some', 'limit'],
    ['/api/field-operations?after=Office!', 'after'],
    [`/api/field-operations/${OFFICE}?asOf=yesterday`, 'asOf'],
    ['/api/decisions?body=parliament', 'body'],
    ['/api/participating-states?asOf=1992-13-01', 'asOf'],
    ['/api/events?limit=0', 'limit'],
    ['/api/events?limit=1001', 'limit'],
    ['/api/events?limit=ten', 'limit'],
    ['/api/events?after=-1', 'after'],
  ])('refuses %s with a 4xx problem naming %s', async (path, field) => {
    const { status, body, headers } = await get(path);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(body.errors)).toContain(field);
  });

  it('tells the history of an operation with summaries, in log order', async () => {
    const { status, body } = await get(`/api/field-operations/${AMG}/history`);
    expect(status).toBe(200);
    expect(body.items).toMatchObject([
      {
        revision: 0,
        type: 'GroupEstablished',
        summary: 'Group established: OSCE Advisory and Monitoring Group in Belarus',
        effectiveOn: '1998-02-27',
        decision: null,
        actor: 'secretariat',
      },
      {
        revision: 1,
        type: 'GroupClosed',
        summary: 'Group closed (replaced): OSCE Advisory and Monitoring Group in Belarus',
        effectiveOn: '2002-12-31',
        decision: 'PC.DEC/526',
        recordedAt: '2024-01-02T09:30:00.123Z',
        data: { closedOn: '2002-12-31', successors: [OFFICE] },
      },
    ]);
    expect(typeof body.items[0].position).toBe('number');
    expect(body.items[0].position).toBeLessThan(body.items[1].position);
  });

  it('serves decisions and participating States', async () => {
    const decisions = await get('/api/decisions');
    expect(decisions.body.items).toMatchObject([
      { id: 'pc-dec-526', reference: 'PC.DEC/526', adoptedOn: '2002-12-30' },
    ]);
    expect((await get('/api/decisions?body=summit')).body.items).toEqual([]);
    const decision = await get('/api/decisions/pc-dec-526');
    expect(decision.body.effects).toEqual([
      { action: 'establish', operation: OFFICE },
      { action: 'close', operation: AMG },
    ]);
    expect((await get('/api/participating-states')).body).toMatchObject({
      count: 1,
      items: [{ id: 'belarus', name: 'Belarus', admittedOn: '1992-01-30' }],
    });
    expect((await get('/api/participating-states?asOf=1992-01-29')).body.items).toEqual([]);
    expect((await get('/api/participating-states/belarus')).body.name).toBe('Belarus');
  });

  it('pages through the event feed with numeric positions', async () => {
    const first = await get('/api/events?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0]).toMatchObject({
      position: 1,
      revision: 0,
      stream: 'participating-state-belarus',
      type: 'ParticipatingStateAdmitted',
      metadata: { actor: 'secretariat', schemaVersion: '1' },
      recordedAt: '2024-01-01T10:00:00.000Z',
    });
    expect(first.body.next).toBe(2);
    const rest = await get(`/api/events?after=${first.body.next}`);
    expect(rest.body.items[0].position).toBe(3);
    const lastPosition = rest.body.items[rest.body.items.length - 1].position;
    expect(rest.body.next).toBe(lastPosition);
    const empty = await get(`/api/events?after=${lastPosition + 1000}`);
    expect(empty.body).toEqual({ items: [], next: lastPosition + 1000 });
  });

  it('reports every projection in /health', async () => {
    const { status, body } = await get('/health');
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.projections.map((p) => p.name)).toEqual([
      'field-operations',
      'decisions',
      'participating-states',
      'chairpersonships',
      'audit-index',
    ]);
    expect(body.projections[0]).toMatchObject({ caughtUp: true, error: null });
  });

  it('waits for a write appended by another process when asked with minPosition', async () => {
    const listed = `/api/field-operations?asOf=2003-06-01&status=active`;
    expect((await get(listed)).body.items).toMatchObject([{ id: OFFICE, head: null, revision: 1 }]);
    const position = await record(
      store,
      [
        {
          stream: streamOfOperation(OFFICE),
          events: [
            {
              type: 'HeadAppointed',
              data: { operationId: OFFICE, name: 'Eberhard Heyken', from: '2003-02-01' },
            },
          ],
        },
      ],
      new Date('2024-01-03T08:00:00.000Z'),
    );
    const { status, body, headers } = await get(
      `/api/field-operations/${OFFICE}?asOf=2003-06-01&minPosition=${position}`,
    );
    expect(status).toBe(200);
    expect(body.head).toBe('Eberhard Heyken');
    expect(headers.get('etag')).toBe('"2"');
    const history = await get(`/api/field-operations/${OFFICE}/history`, {
      'X-Min-Position': String(position),
    });
    expect(history.body.items[2].summary).toBe('Head appointed: Eberhard Heyken');
    // The list's kept details are per version: the new one shows.
    expect((await get(listed)).body.items).toMatchObject([
      { id: OFFICE, head: 'Eberhard Heyken', revision: 2 },
    ]);
  });

  it('documents every read endpoint in OpenAPI, with its query parameters once each', () => {
    const document = JSON.parse(readFileSync(join(dir, 'openapi.json'), 'utf8')) as OpenApi;
    const list = document.paths['/api/field-operations'].get!;
    expect(list.parameters.map((p) => p.name).sort()).toEqual(
      ['after', 'asOf', 'hostState', 'kind', 'knownAt', 'limit', 'minPosition', 'status'].sort(),
    );
    for (const path of [
      '/api/field-operations/{id}',
      '/api/field-operations/{id}/history',
      '/api/decisions',
      '/api/decisions/{id}',
      '/api/participating-states',
      '/api/participating-states/{id}',
      '/api/chairpersonships',
      '/api/chairpersonships/{id}',
    ]) {
      const knownAt = document.paths[path].get!.parameters.filter((p) => p.name === 'knownAt');
      expect([path, knownAt.length]).toEqual([path, 1]);
    }
    expect(list.tags).toEqual(['field-operations']);
    const one = document.paths['/api/field-operations/{id}'].get!;
    expect(Object.keys(one.responses)).toEqual(expect.arrayContaining(['200', '404']));
    for (const path of [
      '/api/field-operations/{id}/history',
      '/api/decisions',
      '/api/decisions/{id}',
      '/api/participating-states',
      '/api/participating-states/{id}',
      '/api/chairpersonships',
      '/api/chairpersonships/{id}',
      '/api/events',
      '/health',
    ]) {
      expect([path, document.paths[path]?.get?.responses?.['200']]).toEqual([
        path,
        expect.objectContaining({ content: expect.anything() }),
      ]);
    }
  });
});
