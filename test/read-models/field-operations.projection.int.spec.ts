import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DecisionsReader } from '../../src/decisions/read/decisions.reader';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { FieldOperationsReader } from '../../src/field-operations/read/field-operations.reader';
import { ParticipatingStatesReader } from '../../src/participating-states/read/participating-states.reader';
import { dumpReadModels, project } from '../support/read-models';
import { AMG, OFFICE, recordSeedCase } from '../support/seed-case';
import { streamOfChairpersonship } from '../../src/chairpersonships/domain/events';
import { assumed } from '../support/chairpersonship-fixtures';
import { anEvent } from '../support/events';

describe('field-operations read model (seed case: PC.DEC/526)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let db: Database.Database;
  let reader: FieldOperationsReader;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'registry-read-models-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    await recordSeedCase(store);
    db = await project(store, join(dir, 'read-models.sqlite'));
    reader = new FieldOperationsReader(db);
  });
  afterEach(async () => {
    db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('on 2002-12-31 shows the AMG active and the Office not yet established', () => {
    expect(reader.get(AMG, '2002-12-31')).toMatchObject({
      status: 'active',
      closedOn: '2002-12-31',
    });
    expect(reader.get(OFFICE, '2002-12-31')).toMatchObject({
      status: 'not-yet-established',
      mandate: null,
    });
  });

  it('on 2003-01-01 shows the Office active and the AMG closed, each naming the other', () => {
    expect(reader.get(OFFICE, '2003-01-01')).toEqual({
      id: OFFICE,
      name: 'OSCE Office in Minsk',
      kind: 'office',
      hostStates: ['belarus'],
      seat: 'Minsk',
      status: 'active',
      establishedOn: '2003-01-01',
      closedOn: null,
      closureReason: null,
      mandate: {
        summary: expect.stringMatching(/^to assist the Belarusian Government/),
        until: '2003-12-31',
        decision: 'PC.DEC/526',
        lapsed: false,
      },
      predecessors: [AMG],
      successors: [],
      head: null,
      revision: 1,
    });
    expect(reader.get(AMG, '2003-01-01')).toMatchObject({
      status: 'closed',
      closureReason: 'replaced',
      predecessors: [],
      successors: [OFFICE],
      revision: 1,
    });
  });

  it('filters by host State, status and kind on the day asked', () => {
    const ids = (filter: Parameters<FieldOperationsReader['list']>[0]): string[] =>
      reader.list(filter).map((view) => view.id);
    expect(ids({ asOf: '2003-06-01', hostState: 'belarus', status: 'active' })).toEqual([OFFICE]);
    expect(ids({ asOf: '2002-06-01', hostState: 'belarus', status: 'active' })).toEqual([AMG]);
    expect(ids({ asOf: '2003-06-01', status: 'closed' })).toEqual([AMG]);
    expect(ids({ asOf: '2003-06-01', status: 'all' })).toEqual([AMG, OFFICE]);
    expect(ids({ asOf: '2003-06-01', kind: 'office' })).toEqual([OFFICE]);
    expect(ids({ asOf: '2003-06-01', hostState: 'moldova' })).toEqual([]);
  });

  it('keeps one history row per event with a human summary, dates and who recorded it', () => {
    const history = reader.history(OFFICE)!;
    expect(history.map((h) => [h.revision, h.type, h.summary, h.effectiveOn, h.decision])).toEqual([
      [
        0,
        'OfficeEstablished',
        'Office established: OSCE Office in Minsk',
        '2003-01-01',
        'PC.DEC/526',
      ],
      [
        1,
        'MandateAgreed',
        expect.stringMatching(/^Mandate agreed \(PC\.DEC\/526\): to assist the Belarusian .*…$/),
        '2003-01-01',
        'PC.DEC/526',
      ],
    ]);
    expect(history[0]).toMatchObject({
      recordedAt: '2024-01-02T09:30:00.123Z',
      actor: 'registrar@osce.org',
      data: { operationId: OFFICE, predecessors: [AMG] },
    });
    expect(history[0].position).toBeLessThan(history[1].position);
    expect(reader.history(AMG)!.map((h) => h.summary)).toEqual([
      'Group established: OSCE Advisory and Monitoring Group in Belarus',
      'Group closed (replaced): OSCE Advisory and Monitoring Group in Belarus',
    ]);
    expect(reader.history('office-in-nowhere')).toBeUndefined();
  });

  it('projects the decision and the participating State', () => {
    expect(new DecisionsReader(db).get('pc-dec-526')).toMatchObject({
      reference: 'PC.DEC/526',
      body: 'permanent-council',
      adoptedOn: '2002-12-30',
      effects: [
        { action: 'establish', operation: OFFICE },
        { action: 'close', operation: AMG },
      ],
      actor: 'registrar@osce.org',
    });
    const states = new ParticipatingStatesReader(db);
    expect(states.list('2003-01-01')).toMatchObject([
      { id: 'belarus', name: 'Belarus', admittedOn: '1992-01-30', status: 'participating' },
    ]);
    expect(states.list('1992-01-29')).toEqual([]);
  });

  it('rebuilds identical rows from position 0 into a fresh database, ignoring unknown events', async () => {
    await store.append('something-else', [anEvent('SomethingHappened')], 'no_stream');
    await store.append(`field-operation-${OFFICE}`, [anEvent('OfficeRepainted')], 'any');
    const live = await project(store, join(dir, 'read-models.sqlite'));
    const rebuilt = await project(store, join(dir, 'rebuilt.sqlite'));
    expect(dumpReadModels(rebuilt)).toEqual(dumpReadModels(live));
    expect(dumpReadModels(rebuilt).field_operation_history).toHaveLength(4);
    const head = await store.headPosition();
    const checkpoints = rebuilt
      .prepare('SELECT projection, position FROM projection_checkpoints ORDER BY projection')
      .all();
    expect(checkpoints).toEqual(
      [
        'audit-index',
        'chairpersonships',
        'decisions',
        'field-operations',
        'participating-states',
      ].map((projection) => ({
        projection,
        position: Number(head),
      })),
    );
    live.close();
    rebuilt.close();
  });

  it("keeps each history row's data as the store holds its text, not serialized again", async () => {
    await store.append(
      streamOfChairpersonship('2026'),
      [
        anEvent(
          'ChairpersonshipAssumed',
          assumed('2026', 'switzerland', '2026-01-01', '2026-12-31').data,
        ),
      ],
      'no_stream',
    );
    // Every event's data spaced out: only the stored text can give these bytes.
    const events = new Database(join(dir, 'events.sqlite'));
    const rows = events.prepare('SELECT position, data FROM events').all() as {
      position: number;
      data: string;
    }[];
    const spaced = new Map(
      rows.map((r) => [r.position, JSON.stringify(JSON.parse(r.data), null, 1)]),
    );
    const update = events.prepare('UPDATE events SET data = ? WHERE position = ?');
    for (const [position, data] of spaced) update.run(data, position);
    events.close();

    const rebuilt = await project(store, join(dir, 'spaced.sqlite'));
    for (const table of [
      'field_operation_history',
      'participating_state_history',
      'chairpersonship_history',
    ]) {
      const kept = rebuilt.prepare(`SELECT position, data FROM ${table}`).all() as {
        position: number;
        data: string;
      }[];
      expect(kept.length).toBeGreaterThan(0);
      for (const row of kept) expect([table, row.data]).toEqual([table, spaced.get(row.position)]);
    }
    rebuilt.close();
  });
});

describe('successions named by one side only', () => {
  it('shows the link on both operations when only the establishment records it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'registry-read-models-'));
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    await recordSeedCase(store, { closureNamesSuccessor: false });
    const db = await project(store, join(dir, 'read-models.sqlite'));
    const reader = new FieldOperationsReader(db);
    expect(reader.get(AMG, '2003-01-01')).toMatchObject({ successors: [OFFICE] });
    expect(reader.list({ asOf: '2003-01-01', status: 'closed' })).toMatchObject([
      { id: AMG, successors: [OFFICE] },
    ]);
    expect(reader.get(OFFICE, '2003-01-01')).toMatchObject({ predecessors: [AMG] });
    db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
