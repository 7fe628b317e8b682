import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decideRecordDecision } from '../../src/decisions/record/record-decision.decide';
import { DecisionsReader } from '../../src/decisions/read/decisions.reader';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { decideCorrection } from '../../src/field-operations/correct/correct.decide';
import { streamOfOperation } from '../../src/field-operations/domain/events';
import { fold } from '../../src/field-operations/domain/fold';
import type { References } from '../../src/field-operations/domain/references';
import { decideEstablish } from '../../src/field-operations/establish/establish.decide';
import {
  fieldOperationQueries,
  FieldOperationsReader,
} from '../../src/field-operations/read/field-operations.reader';
import { knownAtWalkQueries } from '../../src/field-operations/read/known-at-walks';
import { decideAdmit } from '../../src/participating-states/admit/admit.decide';
import { streamOfState } from '../../src/participating-states/domain/participating-state';
import { ParticipatingStatesReader } from '../../src/participating-states/read/participating-states.reader';
import { allProjections } from '../../src/projections/all-projections';
import { ProjectionEngine } from '../../src/projections/projection-engine';
import { openReadModelDatabase } from '../../src/projections/read-model-database';
import { readStream } from '../support/events';
import { dumpReadModels, project } from '../support/read-models';
import { AMG, OFFICE, record } from '../support/seed-case';

const everythingExists: References = {
  hasState: () => true,
  hasDecision: () => true,
  hasOperation: () => true,
};

/** Recorded times of the scenario (epoch ms). */
const T = {
  admitted: Date.parse('2024-01-01T10:00:00.000Z'),
  amg: Date.parse('2024-01-01T10:01:00.000Z'),
  decision: Date.parse('2024-01-02T09:30:00.123Z'),
  closureCorrected: Date.parse('2024-03-01T12:00:00.000Z'),
  successorWithdrawn: Date.parse('2024-03-02T12:00:00.000Z'),
};

async function recordUntilDecision(store: SqliteEventStore): Promise<void> {
  const admit = decideAdmit(
    { id: 'belarus', name: 'Belarus', admittedOn: '1992-01-30' },
    undefined,
  );
  await record(store, [{ stream: streamOfState('belarus'), events: admit }], new Date(T.admitted));
  const amg = decideEstablish(
    {
      id: AMG,
      name: 'OSCE Advisory and Monitoring Group in Belarus',
      kind: 'advisory-and-monitoring-group',
      hostStates: ['belarus'],
      seat: 'Minsk',
      establishedOn: '1998-02-27',
    },
    undefined,
    everythingExists,
  );
  await record(store, [{ stream: streamOfOperation(AMG), events: amg }], new Date(T.amg));
  const changes = decideRecordDecision(
    {
      reference: 'PC.DEC/526',
      body: 'permanent-council',
      adoptedOn: '2002-12-30',
      effects: [
        {
          action: 'establish',
          id: OFFICE,
          name: 'OSCE Office in Minsk',
          kind: 'office',
          hostStates: ['belarus'],
          seat: 'Minsk',
          establishedOn: '2003-01-01',
          mandate: { summary: 'To assist', until: '2003-12-31' },
          predecessors: [AMG],
        },
        // The wrong date: the Group ceased on 2002-12-31.
        {
          action: 'close',
          operation: AMG,
          closedOn: '2003-12-31',
          reason: 'replaced',
          successors: [OFFICE],
        },
      ],
    },
    undefined,
    new Map([[AMG, fold(amg)]]),
    everythingExists,
  );
  await record(store, changes, new Date(T.decision), 'registrar@osce.org');
}

/** Corrects the AMG's closure as the command side would, at `recordedAt`. */
async function correctClosure(
  store: SqliteEventStore,
  changes: Record<string, unknown>,
  reason: string,
  recordedAt: number,
): Promise<void> {
  const history = await readStream(store, streamOfOperation(AMG));
  const closure = history.find((e) => e.type === 'GroupClosed')!;
  const events = decideCorrection(
    { operationId: AMG, corrects: closure.id, changes, reason },
    history,
    everythingExists,
  );
  await record(
    store,
    [{ stream: streamOfOperation(AMG), events }],
    new Date(recordedAt),
    'auditor',
  );
}

async function recordCorrections(store: SqliteEventStore): Promise<void> {
  await correctClosure(store, { closedOn: '2002-12-31' }, 'Press release', T.closureCorrected);
  await correctClosure(store, { successors: [] }, 'Named by the Office', T.successorWithdrawn);
}

describe('field operations known at an instant (recorded time)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let db: Database.Database;
  let reader: FieldOperationsReader;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'registry-known-at-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    await recordUntilDecision(store);
    // The live read model follows the log in two runs, as a running registry would.
    (await project(store, join(dir, 'read-models.sqlite'))).close();
    await recordCorrections(store);
    db = await project(store, join(dir, 'read-models.sqlite'));
    reader = new FieldOperationsReader(db);
  });
  afterAll(async () => {
    db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps one version per recorded instant, each ending where the next begins', () => {
    const versions = db
      .prepare(
        `SELECT operation_id, recorded_from, recorded_to, active_from, active_to, revision
         FROM field_operation_versions ORDER BY operation_id, recorded_from`,
      )
      .all();
    expect(versions).toEqual(
      [
        [AMG, T.amg, T.decision, '1998-02-27', null, 0],
        [AMG, T.decision, T.closureCorrected, '1998-02-27', '2003-12-31', 1],
        [AMG, T.closureCorrected, T.successorWithdrawn, '1998-02-27', '2002-12-31', 2],
        [AMG, T.successorWithdrawn, null, '1998-02-27', '2002-12-31', 3],
        // Establishment and mandate were recorded in the same millisecond: one version.
        [OFFICE, T.decision, null, '2003-01-01', null, 1],
      ].map(([operation_id, recorded_from, recorded_to, active_from, active_to, revision]) => ({
        operation_id,
        recorded_from,
        recorded_to,
        active_from,
        active_to,
        revision,
      })),
    );
  });

  it.each([
    ['before anything was recorded', T.amg - 1, undefined],
    ['at the establishment', T.amg, { status: 'active', closedOn: null, revision: 0 }],
    ['at the wrong closure', T.decision, { status: 'active', closedOn: '2003-12-31', revision: 1 }],
    [
      'just before the correction',
      T.closureCorrected - 1,
      { status: 'active', closedOn: '2003-12-31' },
    ],
    [
      'at the correction',
      T.closureCorrected,
      { status: 'closed', closedOn: '2002-12-31', revision: 2 },
    ],
    [
      'after the last version',
      T.successorWithdrawn + 1e9,
      { status: 'closed', closedOn: '2002-12-31' },
    ],
  ])('answers for 2003-06-01 as known %s', (_, knownAt, expected) => {
    const amg = reader.get(AMG, '2003-06-01', knownAt);
    if (expected === undefined) expect(amg).toBeUndefined();
    else expect(amg).toMatchObject(expected);
  });

  it('answers as now without knownAt', () => {
    expect(reader.get(AMG, '2003-06-01')).toMatchObject({ status: 'closed', revision: 3 });
  });

  it('lists with asOf, knownAt and status filters together', () => {
    const ids = (filter: Parameters<FieldOperationsReader['list']>[0]): string[] =>
      reader.list(filter).map((view) => view.id);
    const asOf = '2003-06-01';
    expect(ids({ asOf, knownAt: T.amg - 1 })).toEqual([]);
    expect(ids({ asOf, knownAt: T.amg, status: 'active' })).toEqual([AMG]);
    expect(ids({ asOf, knownAt: T.closureCorrected - 1, status: 'active' })).toEqual([AMG, OFFICE]);
    expect(ids({ asOf, knownAt: T.closureCorrected - 1, status: 'closed' })).toEqual([]);
    expect(ids({ asOf, knownAt: T.closureCorrected, status: 'active' })).toEqual([OFFICE]);
    expect(ids({ asOf, knownAt: T.closureCorrected, status: 'closed' })).toEqual([AMG]);
    expect(ids({ asOf: '2002-06-01', knownAt: T.decision, status: 'not-yet-established' })).toEqual(
      [OFFICE],
    );
    expect(ids({ asOf, knownAt: T.decision, hostState: 'belarus', kind: 'office' })).toEqual([
      OFFICE,
    ]);
    expect(ids({ asOf, status: 'closed' })).toEqual([AMG]);
  });

  it('shows succession links as each side named them at the time', () => {
    expect(reader.get(AMG, '2003-06-01', T.amg)).toMatchObject({ successors: [] });
    expect(reader.get(AMG, '2003-06-01', T.decision)).toMatchObject({ successors: [OFFICE] });
    // The AMG's closure no longer names the Office, but the Office still names the AMG.
    expect(reader.get(AMG, '2003-06-01')).toMatchObject({ successors: [OFFICE] });
    const namedByAmg = db
      .prepare(
        'SELECT recorded_from, recorded_to FROM field_operation_successions WHERE named_by = ?',
      )
      .all(AMG);
    expect(namedByAmg).toEqual([{ recorded_from: T.decision, recorded_to: T.successorWithdrawn }]);
  });

  it('shows the history recorded up to knownAt, corrections beside what they correct', () => {
    expect(reader.history(AMG, T.amg - 1)).toBeUndefined();
    const before = reader.history(AMG, T.closureCorrected - 1)!;
    expect(before.map((h) => h.type)).toEqual(['GroupEstablished', 'GroupClosed']);
    const now = reader.history(AMG)!;
    expect(now.map((h) => [h.type, h.summary, h.actor])).toEqual([
      ['GroupEstablished', expect.any(String), 'secretariat'],
      [
        'GroupClosed',
        'Group closed (replaced): OSCE Advisory and Monitoring Group in Belarus',
        'registrar@osce.org',
      ],
      [
        'FactCorrected',
        'Corrected closedOn of GroupClosed: 2003-12-31 -> 2002-12-31 (Press release)',
        'auditor',
      ],
      [
        'FactCorrected',
        'Corrected successors of GroupClosed: [office-in-minsk] -> [] (Named by the Office)',
        'auditor',
      ],
    ]);
    expect(now[1].data).toMatchObject({ closedOn: '2003-12-31' });
    expect(now[2].data).toMatchObject({ corrects: now[1].id, correctedType: 'GroupClosed' });
  });

  it('answers decisions and participating States as recorded at knownAt', () => {
    const decisions = new DecisionsReader(db);
    expect(decisions.get('pc-dec-526', T.decision - 1)).toBeUndefined();
    expect(decisions.get('pc-dec-526', T.decision)).toMatchObject({ reference: 'PC.DEC/526' });
    expect(decisions.list(undefined, T.amg)).toEqual([]);
    const states = new ParticipatingStatesReader(db);
    expect(states.list(undefined, T.admitted - 1)).toEqual([]);
    expect(states.list('2003-01-01', T.admitted)).toMatchObject([{ id: 'belarus' }]);
    expect(states.get('belarus', T.admitted - 1)).toBeUndefined();
  });

  it('finds the version known at an instant by index seeks, not by scanning versions', () => {
    const q = fieldOperationQueries(db);
    const plan = (statement: Database.Statement): string =>
      db
        .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${statement.source}`)
        .all(
          ...(statement.source.includes('@')
            ? [{ id: AMG, asOf: '2003-01-01', knownAt: 0, after: '', limit: 64 }]
            : [AMG, 0]),
        )
        .map((row) => row.detail)
        .join('\n');
    // The versions' primary key (operation_id, recorded_from), an index of the rowid table.
    const key = '(COVERING )?INDEX sqlite_autoindex_field_operation_versions_1';
    expect(plan(q.byId)).toMatch(new RegExp(`SEARCH field_operation_versions USING ${key}`));
    // A list filtering in SQL, and a walk reading every version known at the instant.
    for (const list of [plan(q.list.active), plan(knownAtWalkQueries(db).versions)]) {
      expect(list).toMatch(
        new RegExp(`SEARCH v USING ${key} \\(operation_id=\\? AND recorded_from=\\?\\)`),
      );
      expect(list).toMatch(
        new RegExp(`SEARCH w USING ${key} \\(operation_id=\\? AND recorded_from<\\?\\)`),
      );
      expect(list).not.toMatch(/SCAN (v|w)\b/);
      // A page starts at `after` instead of walking from the first, on an index that also holds
      // each operation's first recorded instant (those not yet recorded are skipped on it).
      expect(list).toMatch(
        /SEARCH o USING COVERING INDEX field_operations_by_id_recorded \(id>\?\)/,
      );
    }
    expect(plan(q.linksOf)).not.toMatch(/SCAN/);
    expect(plan(q.historyOf)).toMatch(/SEARCH field_operation_history USING INDEX/);
  });

  it('rebuilds from position 0 rows identical to the ones followed live', async () => {
    const rebuilt = await project(store, join(dir, 'rebuilt.sqlite'));
    const tables = dumpReadModels(rebuilt);
    expect(tables).toEqual(dumpReadModels(db));
    expect(tables.field_operation_versions).toHaveLength(5);
    rebuilt.close();
  });
});

describe('recorded time that goes backwards (clocks of several nodes)', () => {
  it('never makes a version known before the one it follows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'registry-known-at-'));
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    await recordUntilDecision(store);
    await correctClosure(store, { closedOn: '2002-12-31' }, 'Skewed clock', T.amg - 60_000);
    const db = await project(store, join(dir, 'read-models.sqlite'));
    const reader = new FieldOperationsReader(db);
    expect(reader.get(AMG, '2003-06-01', T.decision)).toMatchObject({
      closedOn: '2002-12-31',
      revision: 2,
    });
    expect(reader.get(AMG, '2003-06-01', T.amg)).toMatchObject({ closedOn: null });
    db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('a read-model file of an earlier layout', () => {
  it('is projected again from position 0 instead of failing on missing columns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'registry-known-at-'));
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    await recordUntilDecision(store);
    const file = join(dir, 'read-models.sqlite');
    const old = openReadModelDatabase(file);
    old.exec(`CREATE TABLE field_operation_history (position INTEGER PRIMARY KEY, data TEXT);
      CREATE TABLE decisions (id TEXT PRIMARY KEY);
      INSERT INTO projection_checkpoints VALUES ('field-operations', 99, 'x'), ('decisions', 99, 'x');`);
    old.close();
    const db = await project(store, file);
    expect(new FieldOperationsReader(db).get(AMG, '2003-06-01', T.decision)).toMatchObject({
      closedOn: '2003-12-31',
    });
    expect(new DecisionsReader(db).list()).toHaveLength(1);
    db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is projected again when its tables were created differently (a column dropped, a rowid table)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'registry-known-at-'));
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    await recordUntilDecision(store);
    const file = join(dir, 'read-models.sqlite');
    const old = openReadModelDatabase(file);
    // The layout before field_operations lost its state column and the versions their WITHOUT ROWID.
    old.exec(`CREATE TABLE field_operations (id TEXT PRIMARY KEY, name TEXT NOT NULL,
        kind TEXT NOT NULL, established_on TEXT NOT NULL, closed_on TEXT,
        revision INTEGER NOT NULL, position INTEGER NOT NULL, state TEXT NOT NULL);
      CREATE TABLE field_operation_versions (operation_id TEXT NOT NULL,
        recorded_from INTEGER NOT NULL, recorded_to INTEGER, active_from TEXT NOT NULL,
        active_to TEXT, revision INTEGER NOT NULL, position INTEGER NOT NULL, state TEXT NOT NULL,
        PRIMARY KEY (operation_id, recorded_from)) WITHOUT ROWID;
      INSERT INTO projection_checkpoints VALUES ('field-operations', 99, 'x');`);
    old.close();
    const db = await project(store, file);
    const sqlOf = (table: string): string =>
      db
        .prepare<[string], string>('SELECT sql FROM sqlite_master WHERE name = ?')
        .pluck()
        .get(table)!;
    expect(sqlOf('field_operations')).not.toMatch(/\bstate\b/);
    expect(sqlOf('field_operation_versions')).not.toMatch(/WITHOUT ROWID/);
    expect(new FieldOperationsReader(db).get(AMG, '2003-06-01', T.decision)).toMatchObject({
      closedOn: '2003-12-31',
    });
    db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('the field-operations projection after a rolled-back batch', () => {
  it('forgets what it folded in that batch, so that the retry projects what a rebuild does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'registry-known-at-'));
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    await recordUntilDecision(store);
    const db = openReadModelDatabase(join(dir, 'read-models.sqlite'));
    const projections = allProjections();
    const fieldOperations = projections.find((p) => p.name === 'field-operations')!;
    const apply = fieldOperations.apply.bind(fieldOperations);
    let failures = 0;
    // Fails once, after the projection has folded the correction (its memory holds the result).
    fieldOperations.apply = (target, event) => {
      apply(target, event);
      if (event.type === 'FactCorrected' && failures++ === 0) throw new Error('disk hiccup');
    };
    const engine = new ProjectionEngine(store, db, projections);
    engine.start();
    await engine.caughtUp();
    await recordCorrections(store);
    expect(await engine.waitFor((await store.headPosition())!, 10_000)).toBe(true);
    await engine.stop();
    expect(failures).toBeGreaterThan(1);
    const rebuilt = await project(store, join(dir, 'rebuilt.sqlite'));
    expect(dumpReadModels(db)).toEqual(dumpReadModels(rebuilt));
    rebuilt.close();
    db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
