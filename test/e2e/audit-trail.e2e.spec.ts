import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { RECORDER_ACTOR, RegistryUnderTest } from '../support/registry-app';
import { parseCsv } from '../support/rfc4180';

interface FeedItem {
  position: number;
  stream: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, string>;
  recordedAt: string;
}

const OFFICE = 'office-in-minsk';
const NOTE_REASON = 'line one\nline two, "quoted"';
const NOTE_DATA = { text: 'a, "b"\r\nc', decision: 'PC.DEC/526' };

describe('The audit trail over HTTP: filters and exports of /api/events', () => {
  let registry: RegistryUnderTest;
  let all: FeedItem[];
  let head: number;

  beforeAll(async () => {
    registry = await RegistryUnderTest.startWithPressRelease('sqlite');
    // Written over HTTP with the recorder's API key: actor key:test-recorder, with a reason and a
    // correlation id.
    const appointed = await registry.post(
      `/api/field-operations/${OFFICE}/heads`,
      { name: 'Eberhard Heyken', from: '2003-01' },
      { 'x-reason': 'Appointed, per the "CiO" letter', 'x-correlation-id': 'corr-heads-1' },
    );
    expect(appointed.status).toBe(200);
    // Other actors and recorded times only come in through the store for now.
    const store = registry.app.get<EventStore>(EVENT_STORE, { strict: false });
    await store.append(
      `field-operation-${OFFICE}`,
      [
        {
          id: '2a0e8e3c-6c1d-4f0e-9d7a-4c1a4f1b0001',
          type: 'HeadAppointed',
          data: { operationId: OFFICE, name: 'Aivo Orav', from: '2005' },
          metadata: {
            actor: 'registrar@osce.org',
            correlationId: 'corr-2020',
            causationId: 'corr-2020',
            recordedAt: '2020-05-05T12:00:00.000Z',
            schemaVersion: '1',
          },
        },
      ],
      'any',
    );
    const noted = await store.append(
      'audit-note-1',
      [
        {
          id: '2a0e8e3c-6c1d-4f0e-9d7a-4c1a4f1b0002',
          type: 'AuditNoteAdded',
          data: NOTE_DATA,
          metadata: {
            actor: 'auditor@osce.org',
            reason: NOTE_REASON,
            correlationId: 'corr-2030',
            causationId: 'corr-2030',
            recordedAt: '2030-01-01T00:00:00.000Z',
            schemaVersion: '1',
          },
        },
      ],
      'no_stream',
    );
    head = Number(noted.position);
    all = (await registry.get(`/api/events?limit=1000&minPosition=${head}`)).body.items;
    expect(all).toHaveLength(9);
  });
  afterAll(async () => registry?.stop());

  const page = async (query: string): Promise<{ items: FeedItem[]; next: number | null }> => {
    const response = await registry.get(`/api/events?minPosition=${head}&${query}`);
    expect(response.status).toBe(200);
    return response.body;
  };
  const types = async (query: string) => (await page(query)).items.map((e) => e.type);
  const where = (predicate: (e: FeedItem) => boolean) => all.filter(predicate).map((e) => e.type);
  const raw = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${registry.baseUrl}${path}`, { headers: registry.authHeaders('GET', path, headers) });

  it('filters by exact stream and by stream prefix', async () => {
    const office = where((e) => e.stream === `field-operation-${OFFICE}`);
    expect(office).toEqual([
      'OfficeEstablished',
      'MandateAgreed',
      'HeadAppointed',
      'HeadAppointed',
    ]);
    expect(await types(`stream=field-operation-${OFFICE}`)).toEqual(office);
    expect(await types('stream=field-operation-')).toEqual([]);
    expect(await types('streamPrefix=field-operation-')).toEqual(
      where((e) => e.stream.startsWith('field-operation-')),
    );
    expect(await types('streamPrefix=decision-')).toEqual(['DecisionRecorded']);
  });

  it('filters by type, repeated or comma-separated', async () => {
    const expected = where((e) => e.type === 'GroupEstablished' || e.type === 'GroupClosed');
    expect(expected).toEqual(['GroupEstablished', 'GroupClosed']);
    expect(await types('type=GroupEstablished&type=GroupClosed')).toEqual(expected);
    expect(await types('type=GroupClosed,GroupEstablished')).toEqual(expected);
    expect(await types('type=HeadAppointed')).toEqual(['HeadAppointed', 'HeadAppointed']);
  });

  it('filters by actor and by correlation id', async () => {
    expect(await types('actor=seed')).toEqual(all.slice(0, 6).map((e) => e.type));
    expect(await types(`actor=${RECORDER_ACTOR}`)).toEqual(['HeadAppointed']);
    expect(await types(`actor=${encodeURIComponent('auditor@osce.org')}`)).toEqual([
      'AuditNoteAdded',
    ]);
    expect(await types('actor=mallory')).toEqual([]);
    const heads = await page('correlationId=corr-heads-1');
    expect(heads.items.map((e) => e.metadata)).toEqual([
      expect.objectContaining({
        actor: RECORDER_ACTOR,
        reason: 'Appointed, per the "CiO" letter',
        correlationId: 'corr-heads-1',
      }),
    ]);
  });

  it('filters by the decision cited or recorded, by reference or id', async () => {
    const expected = ['DecisionRecorded', 'OfficeEstablished', 'MandateAgreed', 'GroupClosed'];
    expect(await types(`decision=${encodeURIComponent('PC.DEC/526')}`)).toEqual([
      ...expected,
      'AuditNoteAdded',
    ]);
    expect(await types('decision=pc-dec-526&streamPrefix=field-operation-')).toEqual(
      expected.slice(1),
    );
    expect(await types('decision=PC.DEC/999')).toEqual([]);
  });

  it('filters by recorded time: recordedFrom inclusive, recordedTo exclusive, knownAt inclusive', async () => {
    expect(await types('recordedFrom=2030-01-01T00:00:00.000Z')).toEqual(['AuditNoteAdded']);
    expect(await types('recordedFrom=2030-01-01T00:00:00.001Z')).toEqual([]);
    expect(await types('recordedTo=2021-01-01T00:00:00Z')).toEqual(['HeadAppointed']);
    expect(await types('recordedTo=2020-05-05T12:00:00.000Z')).toEqual([]);
    expect(await types('recordedTo=2020-05-05T14:00:00.001%2B02:00')).toEqual(['HeadAppointed']);
    expect(await types('knownAt=2030-01-01T00:00:00.000Z')).toHaveLength(9);
    expect(await types('knownAt=2029-12-31T23:59:59.999Z')).toEqual(
      where((e) => e.type !== 'AuditNoteAdded'),
    );
    expect(await types('knownAt=2020-05-05T12:00:00Z')).toEqual(['HeadAppointed']);
    expect(
      await types('recordedFrom=2020-01-01T00:00:00Z&recordedTo=2029-01-01T00:00:00Z&actor=seed'),
    ).toEqual(all.slice(0, 6).map((e) => e.type));
  });

  it('pages a filtered feed with after and limit, next carrying on where the page ended', async () => {
    const seen: FeedItem[] = [];
    let after: number | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const result = await page(`actor=seed&limit=4${after === null ? '' : `&after=${after}`}`);
      if (result.items.length === 0) {
        expect(result.next).toBe(after);
        break;
      }
      expect(result.items.length).toBeLessThanOrEqual(4);
      seen.push(...result.items);
      after = result.next;
    }
    expect(seen).toEqual(all.slice(0, 6));
    expect((await page('actor=seed&after=2&limit=2')).items.map((e) => e.position)).toEqual([
      all[2].position,
      all[3].position,
    ]);
  });

  it('exports every matching event as NDJSON, one JSON object per line', async () => {
    for (const [path, headers] of [
      [`/api/events?minPosition=${head}`, { accept: 'application/x-ndjson' }],
      [`/api/events?format=ndjson&minPosition=${head}`, {}],
    ] as Array<[string, Record<string, string>]>) {
      const response = await raw(path, headers);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
      expect(response.headers.get('vary')).toMatch(/Accept/);
      const text = await response.text();
      expect(text.endsWith('\n')).toBe(true);
      const lines = text.trimEnd().split('\n');
      expect(lines.map((line) => JSON.parse(line) as FeedItem)).toEqual(all);
    }
    const filtered = await raw(
      `/api/events?format=ndjson&actor=seed&type=GroupClosed,GroupEstablished`,
    );
    const lines = (await filtered.text()).trimEnd().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as FeedItem).type)).toEqual([
      'GroupEstablished',
      'GroupClosed',
    ]);
    const limited = await raw('/api/events?format=ndjson&limit=3&after=1');
    const positions = (await limited.text())
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as FeedItem).position);
    expect(positions).toEqual(all.slice(1, 4).map((e) => e.position));
    const none = await raw('/api/events?format=ndjson&actor=nobody');
    expect(none.status).toBe(200);
    expect(await none.text()).toBe('');
  });

  it('exports every matching event as CSV whose quoted fields round-trip', async () => {
    const response = await raw(`/api/events?minPosition=${head}`, { accept: 'text/csv' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="events.csv"');
    const [header, ...rows] = parseCsv(await response.text());
    expect(header).toEqual([
      'position',
      'recordedAt',
      'stream',
      'revision',
      'id',
      'type',
      'actor',
      'decision',
      'reason',
      'correlationId',
      'causationId',
      'data',
    ]);
    expect(rows).toHaveLength(all.length);
    rows.forEach((row, i) => {
      const event = all[i];
      expect(row.slice(0, 7)).toEqual([
        String(event.position),
        event.recordedAt,
        event.stream,
        expect.any(String),
        expect.any(String),
        event.type,
        event.metadata.actor,
      ]);
      expect(row[8]).toBe(event.metadata.reason ?? '');
      expect(JSON.parse(row[11])).toEqual(event.data);
    });
    const note = rows[rows.length - 1];
    expect(note[7]).toBe('PC.DEC/526');
    expect(note[8]).toBe(NOTE_REASON);
    expect(JSON.parse(note[11])).toEqual(NOTE_DATA);
    const recorded = rows.find((row) => row[6] === RECORDER_ACTOR)!;
    expect(recorded.slice(8, 10)).toEqual(['Appointed, per the "CiO" letter', 'corr-heads-1']);
    expect(rows.find((row) => row[5] === 'DecisionRecorded')![7]).toBe('PC.DEC/526');

    const filtered = parseCsv(
      await (await raw('/api/events?format=csv&actor=seed&limit=2')).text(),
    );
    expect(filtered.map((row) => row[5])).toEqual([
      'type',
      'ParticipatingStateAdmitted',
      'GroupEstablished',
    ]);
  });

  it('exports a field operation history as CSV, with the reason of each event', async () => {
    const json = await registry.get(`/api/field-operations/${OFFICE}/history?minPosition=${head}`);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    const items = json.body.items as Array<{ position: number; summary: string }>;
    for (const [path, headers] of [
      [`/api/field-operations/${OFFICE}/history`, { accept: 'text/csv' }],
      [`/api/field-operations/${OFFICE}/history?format=csv`, {}],
    ] as Array<[string, Record<string, string>]>) {
      const response = await raw(path, headers);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      const [header, ...rows] = parseCsv(await response.text());
      expect(header).toEqual([
        'position',
        'recordedAt',
        'type',
        'summary',
        'effectiveOn',
        'actor',
        'decision',
        'reason',
      ]);
      expect(rows.map((row) => [Number(row[0]), row[3]])).toEqual(
        items.map((item) => [item.position, item.summary]),
      );
      expect(rows[0]).toEqual([
        String(items[0].position),
        expect.any(String),
        'OfficeEstablished',
        'Office established: OSCE Office in Minsk',
        '2003-01-01',
        'seed',
        'PC.DEC/526',
        'Bundled example: OSCE press release of 30 December 2002 (PC.DEC/526)',
      ]);
      expect(rows[2].slice(2)).toEqual([
        'HeadAppointed',
        'Head appointed: Eberhard Heyken',
        '2003-01',
        RECORDER_ACTOR,
        '',
        'Appointed, per the "CiO" letter',
      ]);
    }
    const missing = await raw('/api/field-operations/office-in-nowhere/history?format=csv');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it.each([
    ['type=Not A Type', 'type'],
    ['type=,', 'type'],
    ['recordedFrom=2024-01-01', 'recordedFrom'],
    ['recordedTo=2024-02-30T00:00:00Z', 'recordedTo'],
    ['knownAt=yesterday', 'knownAt'],
    ['recordedFrom=2024-02-01T00:00:00Z&recordedTo=2024-01-01T00:00:00Z', 'recordedTo'],
    ['actor=a&actor=b', 'actor'],
    ['stream=', 'stream'],
    ['decision=%2F%2F', 'decision'],
    ['limit=1001', 'limit'],
    ['limit=0', 'limit'],
    ['after=-1', 'after'],
    ['format=xml', 'format'],
    ['colour=blue', 'colour'],
  ])('answers %s with a 400 problem naming the parameter', async (query, parameter) => {
    const response = await registry.get(`/api/events?${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ parameter: expect.stringMatching(new RegExp(`^${parameter}`)) }),
      ]),
    );
  });

  it('answers an invalid export the same way, and an unknown history format with 400', async () => {
    const badExport = await raw('/api/events?knownAt=soon', { accept: 'text/csv' });
    expect(badExport.status).toBe(400);
    expect(badExport.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const badHistory = await raw(`/api/field-operations/${OFFICE}/history?format=ndjson`);
    expect(badHistory.status).toBe(400);
    expect(((await badHistory.json()) as { errors: unknown[] }).errors).toEqual([
      expect.objectContaining({ parameter: 'format' }),
    ]);
  });

  it('takes any limit on an export', async () => {
    const response = await raw('/api/events?format=ndjson&limit=5000');
    expect(response.status).toBe(200);
    expect((await response.text()).trimEnd().split('\n')).toHaveLength(9);
  });

  it('documents the filters and the media types in OpenAPI', async () => {
    const { paths } = (await registry.get('/api/docs/openapi.json')).body as {
      paths: Record<string, { get: { parameters: Array<{ name: string }>; responses: any } }>;
    };
    const events = paths['/api/events'].get;
    expect(events.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'after',
        'limit',
        'stream',
        'streamPrefix',
        'type',
        'actor',
        'decision',
        'correlationId',
        'recordedFrom',
        'recordedTo',
        'knownAt',
        'format',
        'minPosition',
      ]),
    );
    expect(Object.keys(events.responses['200'].content)).toEqual(
      expect.arrayContaining(['application/json', 'application/x-ndjson', 'text/csv']),
    );
    const history = paths['/api/field-operations/{id}/history'].get;
    expect(history.parameters.map((p) => p.name)).toContain('format');
    expect(Object.keys(history.responses['200'].content)).toEqual(
      expect.arrayContaining(['application/json', 'text/csv']),
    );
  });
});

describe('The audit trail on the KurrentDB double', () => {
  let registry: RegistryUnderTest;
  beforeAll(async () => {
    registry = await RegistryUnderTest.startWithPressRelease('kurrentdb-double');
  });
  afterAll(async () => registry?.stop());

  it('filters from the audit index and exports from the store, positions as the store gives them', async () => {
    const all: FeedItem[] = (await registry.get('/api/events')).body.items;
    expect(all).toHaveLength(6);
    const head = all[all.length - 1].position;
    const cited = await registry.get(`/api/events?decision=pc-dec-526&minPosition=${head}`);
    expect(cited.body.items.map((e: FeedItem) => e.position)).toEqual(
      all.filter((e) => e.position >= all[2].position).map((e) => e.position),
    );
    const second = await registry.get(`/api/events?actor=seed&limit=2&after=${all[1].position}`);
    expect(second.body.items).toEqual(all.slice(2, 4));
    const ndjson = await fetch(`${registry.baseUrl}/api/events?format=ndjson`, {
      headers: registry.authHeaders('GET', '/api/events?format=ndjson'),
    });
    const lines = (await ndjson.text()).trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line) as FeedItem)).toEqual(all);
  });
});
