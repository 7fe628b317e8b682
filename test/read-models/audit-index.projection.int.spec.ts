import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { type AuditFilter, auditSelect } from '../../src/events-feed/audit/audit-filter';
import { AuditIndexProjection } from '../../src/events-feed/audit/audit-index.projection';
import { AuditReader, EXPORT_PAGE } from '../../src/events-feed/audit/audit-reader';
import { feedEventOf } from '../../src/events-feed/feed-event';
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
    reader = new AuditReader(db);
  });
  afterEach(async () => {
    db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const positions = (filter: AuditFilter, page: { after?: bigint; limit?: number } = {}) =>
    reader.page(filter, { limit: 100, ...page }).map((e) => e.position);
  const positionsOf = (predicate: (e: RecordedEvent) => boolean) =>
    log.filter(predicate).map((e) => Number(e.position));

  it('keeps one row per event with its filter columns, and the event as the feed shows it', () => {
    const rows = db
      .prepare<[], Record<string, unknown>>(
        `SELECT position, stream, revision, id, type, actor, decision, decision_id, recorded_at,
                correlation_id, event FROM audit_events ORDER BY position`,
      )
      .all();
    expect(rows).toHaveLength(log.length);
    expect(log).toHaveLength(7);
    rows.forEach((row, i) => {
      const event = log[i];
      expect(row).toMatchObject({
        position: Number(event.position),
        stream: event.stream,
        revision: Number(event.revision),
        id: event.id,
        type: event.type,
        actor: event.metadata.actor,
        correlation_id: event.metadata.correlationId ?? null,
      });
      expect(JSON.parse(row.event as string)).toEqual(feedEventOf(event));
    });
    const byType = Object.fromEntries(rows.map((r) => [r.type, r]));
    expect(byType.DecisionRecorded).toMatchObject({
      decision: 'PC.DEC/526',
      decision_id: 'pc-dec-526',
      recorded_at: DECISION_DAY,
    });
    expect(byType.GroupClosed).toMatchObject({ decision: 'PC.DEC/526' });
    expect(byType.GroupEstablished).toMatchObject({ decision: null, decision_id: null });
    // A non-string `decision` is no citation; an unreadable recordedAt falls back to the store's.
    expect(byType.SomethingNoted).toMatchObject({ decision: null, correlation_id: null });
    expect(byType.SomethingNoted.recorded_at).toBe(log[6].recordedAt.getTime());
  });

  it('filters by stream, prefix, type, actor, decision and correlation id', () => {
    expect(positions({ stream: `field-operation-${OFFICE}` })).toEqual(
      positionsOf((e) => e.stream === `field-operation-${OFFICE}`),
    );
    expect(positions({ stream: 'field-operation-' })).toEqual([]);
    const operations = positionsOf((e) => e.stream.startsWith('field-operation-'));
    expect(operations).toHaveLength(4);
    expect(positions({ streamPrefix: 'field-operation-' })).toEqual(operations);
    expect(positions({ types: ['GroupEstablished', 'GroupClosed'] })).toEqual(
      positionsOf((e) => e.type === 'GroupEstablished' || e.type === 'GroupClosed'),
    );
    expect(positions({ actor: 'registrar@osce.org' })).toHaveLength(4);
    expect(positions({ actor: 'secretariat' })).toEqual([1, 2]);
    expect(positions({ actor: 'nobody' })).toEqual([]);
    const cited = positionsOf((e) => e.stream !== 'elsewhere-1' && e.position > 2n);
    expect(positions({ decision: 'PC.DEC/526' })).toEqual(cited);
    expect(positions({ decision: 'pc-dec-526' })).toEqual(cited);
    expect(positions({ decision: 'PC.DEC/527' })).toEqual([]);
    const correlationId = log[3].metadata.correlationId;
    expect(positions({ correlationId })).toEqual(cited);
    expect(positions({ streamPrefix: 'field-operation-', actor: 'secretariat' })).toEqual([2]);
    expect(positions({ streamPrefix: `field-operation-${AMG}`, decision: 'PC.DEC/526' })).toEqual(
      positionsOf((e) => e.type === 'GroupClosed'),
    );
  });

  it('filters by recorded time, bounds inclusive as given', () => {
    expect(positions({ recordedUpToMs: FIRST_DAY + 10 * 3600_000 })).toEqual([1]);
    expect(positions({ recordedFromMs: FIRST_DAY + 10 * 3600_000 + 1 })).toEqual(
      positionsOf((e) => e.position >= 2n),
    );
    expect(positions({ recordedFromMs: DECISION_DAY, recordedUpToMs: DECISION_DAY })).toEqual([
      3, 4, 5, 6,
    ]);
    expect(positions({ recordedUpToMs: DECISION_DAY - 1 })).toEqual([1, 2]);
  });

  it('pages after a position and up to a position', () => {
    expect(positions({ actor: 'registrar@osce.org' }, { limit: 2 })).toEqual([3, 4]);
    expect(positions({ actor: 'registrar@osce.org' }, { after: 4n, limit: 2 })).toEqual([5, 6]);
    expect(positions({ actor: 'registrar@osce.org' }, { after: 6n })).toEqual([]);
    expect(reader.page({ actor: 'registrar@osce.org' }, { upTo: 4n, limit: 10 })).toHaveLength(2);
  });

  it('exports every match page by page, as the index stood when the export began', async () => {
    const projection = new AuditIndexProjection();
    const many = Array.from({ length: EXPORT_PAGE + 20 }, (_, i) => ({
      ...log[0],
      position: 100n + BigInt(i),
      stream: `bulk-${i}`,
      revision: 0n,
      metadata: { actor: 'bulk' },
    }));
    db.transaction(() => many.forEach((event) => projection.apply(db, event)))();
    const exported = reader.events({ actor: 'bulk' }, 110n);
    const first = await exported.next();
    expect(first.value?.position).toBe(111);
    projection.apply(db, { ...many[0], position: 5000n, stream: 'late' });
    const rest = await collect({ [Symbol.asyncIterator]: () => exported });
    expect(rest).toHaveLength(EXPORT_PAGE + 20 - 12);
    expect(rest[rest.length - 1].position).toBe(100 + EXPORT_PAGE + 19);
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
      expect(plan).toContain(`USING INDEX ${index}`);
      expect(plan).not.toMatch(/SCAN audit_events(?! USING)/);
    },
  );
});
