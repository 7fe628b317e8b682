import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { EventStore, RecordedEvent } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { type AuditFilter, auditSelect } from '../../src/events-feed/audit/audit-filter';
import { AuditIndexProjection } from '../../src/events-feed/audit/audit-index.projection';
import { AuditReader, EXPORT_PAGE } from '../../src/events-feed/audit/audit-reader';
import { feedEventOf } from '../../src/events-feed/feed-event';
import { Checkpoints, openReadModelDatabase } from '../../src/projections/read-model-database';
import { collect } from '../support/events';
import { project } from '../support/read-models';
import { AMG, OFFICE, recordSeedCase } from '../support/seed-case';

const FIRST_DAY = Date.parse('2024-01-01T00:00:00.000Z');
const DECISION_DAY = Date.parse('2024-01-02T09:30:00.123Z');

describe('audit index read model (seed case: PC.DEC/526)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let db: Database.Database;
  let reader: AuditReader;
  let log: RecordedEvent[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'registry-audit-index-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    await recordSeedCase(store);
    await store.append(
      'elsewhere-1',
      [
        {
          id: '00000000-0000-4000-8000-000000000001',
          type: 'SomethingNoted',
          data: { note: 'no decision here', decision: 42 },
          metadata: { actor: 'auditor', reason: 'spot check, "by hand"', recordedAt: 'garbage' },
        },
      ],
      'no_stream',
    );
    log = await collect(store.readAll());
    db = await project(store, join(dir, 'read-models.sqlite'));
    reader = new AuditReader(db, store);
  });
  afterEach(async () => {
    db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const positions = async (filter: AuditFilter, page: { after?: bigint; limit?: number } = {}) =>
    (await reader.page(filter, { limit: 100, ...page })).map((e) => e.position);
  const positionsOf = (predicate: (e: RecordedEvent) => boolean) =>
    log.filter(predicate).map((e) => Number(e.position));

  it('keeps one row per event with its filter columns and reason, and no copy of the event', () => {
    const rows = db
      .prepare<[], Record<string, unknown>>('SELECT * FROM audit_events ORDER BY position')
      .all();
    expect(rows).toHaveLength(log.length);
    expect(log).toHaveLength(7);
    rows.forEach((row, i) => {
      const event = log[i];
      expect(Object.keys(row)).toEqual([
        'position',
        'stream',
        'type',
        'actor',
        'decision_id',
        'recorded_at',
        'correlation_id',
        'reason',
      ]);
      expect(row).toMatchObject({
        position: Number(event.position),
        stream: event.stream,
        type: event.type,
        actor: event.metadata.actor,
        correlation_id: event.metadata.correlationId ?? null,
        reason: event.metadata.reason ?? null,
      });
    });
    const byType = Object.fromEntries(rows.map((r) => [r.type, r]));
    expect(byType.DecisionRecorded).toMatchObject({
      decision_id: 'pc-dec-526',
      recorded_at: DECISION_DAY,
    });
    expect(byType.GroupClosed).toMatchObject({ decision_id: 'pc-dec-526' });
    expect(byType.GroupEstablished).toMatchObject({ decision_id: null });
    // A non-string `decision` is no citation; an unreadable recordedAt falls back to the store's.
    expect(byType.SomethingNoted).toMatchObject({ decision_id: null, correlation_id: null });
    expect(byType.SomethingNoted.recorded_at).toBe(log[6].recordedAt.getTime());
  });

  it('answers a page with the events at its positions as the store reads them', async () => {
    const page = await reader.page({ actor: 'registrar@osce.org' }, { limit: 100 });
    expect(page).toEqual(
      log.filter((e) => e.metadata.actor === 'registrar@osce.org').map(feedEventOf),
    );
    expect(page).toHaveLength(4);
  });

  it('reads the events from the store it is given (the upcasting one, in the registry)', async () => {
    const asRead = (e: RecordedEvent): RecordedEvent => ({
      id: e.id,
      stream: e.stream,
      revision: e.revision,
      position: e.position,
      type: 'AsTheStoreReadsIt',
      data: e.data,
      metadata: e.metadata,
      recordedAt: e.recordedAt,
    });
    const readAt = jest.fn((positions: readonly bigint[]) =>
      Promise.resolve(positions.map((p) => asRead(log[Number(p) - 1]))),
    );
    const other = new AuditReader(db, { readAt } as unknown as EventStore);
    const page = await other.page({ actor: 'secretariat' }, { limit: 100 });
    expect(readAt).toHaveBeenCalledWith([1n, 2n]);
    expect(page.map((e) => [e.position, e.type])).toEqual([
      [1, 'AsTheStoreReadsIt'],
      [2, 'AsTheStoreReadsIt'],
    ]);
  });

  it('projects again from the start a file whose index still holds copies of the events', async () => {
    const file = join(dir, 'old-layout.sqlite');
    const old = openReadModelDatabase(file);
    old.exec(`CREATE TABLE audit_events (position INTEGER PRIMARY KEY, stream TEXT NOT NULL,
      revision INTEGER NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL, actor TEXT, decision TEXT,
      decision_id TEXT, recorded_at INTEGER NOT NULL, correlation_id TEXT, event TEXT NOT NULL)`);
    new Checkpoints(old).set('audit-index', 7n);
    old.close();
    const rebuilt = await project(store, file);
    try {
      const columns = rebuilt
        .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('audit_events')`)
        .all()
        .map((c) => c.name);
      expect(columns).not.toContain('event');
      expect(rebuilt.prepare('SELECT COUNT(*) AS n FROM audit_events').get()).toEqual({ n: 7 });
    } finally {
      rebuilt.close();
    }
  });

  it('filters by stream, prefix, type, actor, decision and correlation id', async () => {
    expect(await positions({ stream: `field-operation-${OFFICE}` })).toEqual(
      positionsOf((e) => e.stream === `field-operation-${OFFICE}`),
    );
    expect(await positions({ stream: 'field-operation-' })).toEqual([]);
    const operations = positionsOf((e) => e.stream.startsWith('field-operation-'));
    expect(operations).toHaveLength(4);
    expect(await positions({ streamPrefix: 'field-operation-' })).toEqual(operations);
    expect(await positions({ types: ['GroupEstablished', 'GroupClosed'] })).toEqual(
      positionsOf((e) => e.type === 'GroupEstablished' || e.type === 'GroupClosed'),
    );
    expect(await positions({ actor: 'registrar@osce.org' })).toHaveLength(4);
    expect(await positions({ actor: 'secretariat' })).toEqual([1, 2]);
    expect(await positions({ actor: 'nobody' })).toEqual([]);
    const cited = positionsOf((e) => e.stream !== 'elsewhere-1' && e.position > 2n);
    expect(await positions({ decision: 'PC.DEC/526' })).toEqual(cited);
    expect(await positions({ decision: 'pc-dec-526' })).toEqual(cited);
    expect(await positions({ decision: 'PC.DEC/527' })).toEqual([]);
    const correlationId = log[3].metadata.correlationId;
    expect(await positions({ correlationId })).toEqual(cited);
    expect(await positions({ streamPrefix: 'field-operation-', actor: 'secretariat' })).toEqual([
      2,
    ]);
    expect(
      await positions({ streamPrefix: `field-operation-${AMG}`, decision: 'PC.DEC/526' }),
    ).toEqual(positionsOf((e) => e.type === 'GroupClosed'));
  });

  it('filters by recorded time, bounds inclusive as given', async () => {
    expect(await positions({ recordedUpToMs: FIRST_DAY + 10 * 3600_000 })).toEqual([1]);
    expect(await positions({ recordedFromMs: FIRST_DAY + 10 * 3600_000 + 1 })).toEqual(
      positionsOf((e) => e.position >= 2n),
    );
    expect(await positions({ recordedFromMs: DECISION_DAY, recordedUpToMs: DECISION_DAY })).toEqual(
      [3, 4, 5, 6],
    );
    expect(await positions({ recordedUpToMs: DECISION_DAY - 1 })).toEqual([1, 2]);
  });

  it('pages after a position and up to a position', async () => {
    expect(await positions({ actor: 'registrar@osce.org' }, { limit: 2 })).toEqual([3, 4]);
    expect(await positions({ actor: 'registrar@osce.org' }, { after: 4n, limit: 2 })).toEqual([
      5, 6,
    ]);
    expect(await positions({ actor: 'registrar@osce.org' }, { after: 6n })).toEqual([]);
    expect(
      await reader.page({ actor: 'registrar@osce.org' }, { upTo: 4n, limit: 10 }),
    ).toHaveLength(2);
  });

  it('exports every match page by page, as the index stood when the export began', async () => {
    const projection = new AuditIndexProjection();
    const bulk = (stream: string) => ({
      id: randomUUID(),
      type: 'Bulk',
      data: { stream },
      metadata: { actor: 'bulk' },
    });
    const appendAndProject = async (streams: string[]) => {
      const after = await store.headPosition();
      await store.appendMulti(
        streams.map((stream) => ({ stream, expected: 'any', events: [bulk(stream)] })),
      );
      const added = await collect(store.readAll({ after }));
      db.transaction(() => added.forEach((event) => projection.apply(db, event)))();
      return added;
    };
    const many = await appendAndProject(
      Array.from({ length: EXPORT_PAGE + 20 }, (_, i) => `bulk-${i}`),
    );
    const exported = reader.events({ actor: 'bulk' }, many[9].position);
    const first = await exported.next();
    expect(first.value).toEqual(feedEventOf(many[10]));
    await appendAndProject(['late']);
    const rest = await collect({ [Symbol.asyncIterator]: () => exported });
    expect(rest).toHaveLength(EXPORT_PAGE + 20 - 11);
    expect(rest).toEqual(many.slice(11).map(feedEventOf));
    expect(await collect(reader.events({ actor: 'bulk' }, undefined, 3))).toHaveLength(3);
    expect(await collect(reader.events({ actor: 'bulk' }))).toHaveLength(EXPORT_PAGE + 21);
  });

  it('answers the reason each event was recorded with', () => {
    expect(reader.reasonsAt([1, 7, 99])).toEqual(new Map([[7, 'spot check, "by hand"']]));
  });

  it.each([
    ['stream', { stream: 'x' }, 'audit_events_by_stream'],
    ['actor', { actor: 'x' }, 'audit_events_by_actor'],
    ['decision', { decision: 'PC.DEC/1' }, 'audit_events_by_decision'],
    ['correlation id', { correlationId: 'x' }, 'audit_events_by_correlation'],
    ['type', { types: ['X'] }, 'audit_events_by_type'],
    ['stream prefix', { streamPrefix: 'field-operation-' }, 'audit_events_by_stream'],
  ] as Array<[string, AuditFilter, string]>)(
    'finds events of one %s through its index, not by scanning the log',
    (_, filter, index) => {
      const select = auditSelect(filter, { after: 10n, limit: 100 });
      const plan = db
        .prepare<[Record<string, unknown>], { detail: string }>(`EXPLAIN QUERY PLAN ${select.sql}`)
        .all(select.params)
        .map((row) => row.detail)
        .join('\n');
      // Only positions are read, so the index alone answers (a covering index).
      expect(plan).toContain(`USING COVERING INDEX ${index}`);
      expect(plan).not.toMatch(/SCAN audit_events(?! USING)/);
    },
  );
});
