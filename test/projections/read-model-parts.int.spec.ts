import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DecisionsReader } from '../../src/decisions/read/decisions.reader';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { allProjections } from '../../src/projections/all-projections';
import {
  openReadModelDatabase,
  openReadModelView,
} from '../../src/projections/read-model-database';
import { checkpointsOf, readModelTables } from '../../src/projections/read-model-digest';
import { ReadModels } from '../../src/projections/read-models';
import { dumpReadModels, project } from '../support/read-models';
import { recordSeedCase } from '../support/seed-case';
import { generateLog } from '../rebuild/generated-log';

/** The tables a read-model file holds itself (not through another file). */
function tablesIn(file: string): string[] {
  const db = openReadModelDatabase(file);
  try {
    return readModelTables(db);
  } finally {
    db.close();
  }
}

describe('read models in more than one file', () => {
  let dir: string;
  let store: SqliteEventStore;
  let readModels: ReadModels | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'registry-parts-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), pollIntervalMs: 20 });
  });

  afterEach(async () => {
    await readModels?.stop();
    readModels?.close();
    readModels = undefined;
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the decisions and the audit index in a file of their own, each file fed by its own engine', async () => {
    const seeded = await recordSeedCase(store);
    readModels = new ReadModels(store, dir, allProjections());
    readModels.start();
    expect(await readModels.waitFor(seeded, 10_000)).toBe(true);

    expect(tablesIn(join(dir, 'read-models.audit.sqlite'))).toEqual(['audit_events', 'decisions']);
    expect(tablesIn(join(dir, 'read-models.sqlite'))).not.toContain('decisions');
    expect(readModels.engines).toHaveLength(2);
    expect(readModels.engines.map((e) => e.runners.map((r) => r.projection.name))).toEqual([
      ['field-operations', 'participating-states', 'chairpersonships'],
      ['decisions', 'audit-index'],
    ]);
    const decisions = new DecisionsReader(readModels.sourceOf('decisions'));
    expect(decisions.get('pc-dec-526')?.title).toBe('Establishment of the OSCE Office in Minsk');
    expect(readModels.sourceOf('decisions').db).not.toBe(readModels.db);
    expect(readModels.sourceOf('field-operations').db).toBe(readModels.db);
    expect((await readModels.status()).map((s) => [s.name, s.checkpoint])).toEqual(
      allProjections().map((p) => [p.name, String(seeded)]),
    );
    expect(() => readModels!.sourceOf('nope')).toThrow('No projection named nope');
  });

  it('moves the tables of a file written before the parts existed into their part, projected again', async () => {
    const seeded = await recordSeedCase(store);
    // One file with every projection's tables, as every release before the parts wrote it.
    const old = await project(store, join(dir, 'read-models.sqlite'));
    const before = dumpReadModels(old);
    old.close();
    expect(Object.keys(before)).toContain('decisions');

    readModels = new ReadModels(store, dir, allProjections());
    readModels.start();
    expect(await readModels.waitFor(seeded, 10_000)).toBe(true);

    expect(tablesIn(join(dir, 'read-models.sqlite'))).not.toContain('decisions');
    expect(tablesIn(join(dir, 'read-models.sqlite'))).not.toContain('audit_events');
    // Their checkpoints went with them (the view would hide one left in the main file).
    const main = openReadModelDatabase(join(dir, 'read-models.sqlite'));
    try {
      expect([...checkpointsOf(main).keys()].sort()).toEqual([
        'chairpersonships',
        'field-operations',
        'participating-states',
      ]);
    } finally {
      main.close();
    }
    const view = openReadModelView(join(dir, 'read-models.sqlite'));
    try {
      expect(dumpReadModels(view)).toEqual(before);
      expect([...checkpointsOf(view).keys()].sort()).toEqual(
        allProjections()
          .map((p) => p.name)
          .sort(),
      );
    } finally {
      view.close();
    }
  });

  it('tells when the files agree: every projection of every file at the same checkpoint', async () => {
    const seeded = await recordSeedCase(store);
    readModels = new ReadModels(store, dir, allProjections());
    readModels.start();
    expect(await readModels.waitFor(seeded, 10_000)).toBe(true);
    expect(await readModels.aligned()).toBe(true);

    const [main, auditEngine] = readModels.engines;
    await auditEngine.stop();
    const next = await generateLog(store, 50);
    expect(await main.waitFor(next, 10_000)).toBe(true);
    // The audit file's engine stands still: the files disagree until it moves.
    expect(await readModels.aligned(100)).toBe(false);

    const agreed = readModels.aligned(10_000);
    auditEngine.start();
    expect(await agreed).toBe(true);
    const checkpoints = readModels.engines.flatMap((e) => e.runners.map((r) => r.checkpoint));
    expect(new Set(checkpoints)).toEqual(new Set([next]));
  });

  it('moves each file’s generation with its own engine’s batches only', async () => {
    const seeded = await recordSeedCase(store);
    readModels = new ReadModels(store, dir, allProjections());
    readModels.start();
    expect(await readModels.waitFor(seeded, 10_000)).toBe(true);
    const decisions = readModels.sourceOf('decisions');
    const [mainBefore, auditBefore] = [readModels.generation, decisions.generation];

    const [main, auditEngine] = readModels.engines;
    await main.stop();
    const next = await generateLog(store, 50);
    expect(await auditEngine.waitFor(next, 10_000)).toBe(true);
    // The field operations' readers keep what they derived: their file has not moved.
    expect(readModels.generation).toBe(mainBefore);
    expect(readModels.sourceOf('field-operations').generation).toBe(mainBefore);
    expect(decisions.generation).toBeGreaterThan(auditBefore!);

    main.start();
    expect(await main.waitFor(next, 10_000)).toBe(true);
    expect(readModels.generation).toBeGreaterThan(mainBefore);
  });

  it('refuses to read a table that two of its files hold', () => {
    const main = openReadModelDatabase(join(dir, 'read-models.sqlite'));
    const part = openReadModelDatabase(join(dir, 'read-models.audit.sqlite'));
    main.exec('CREATE TABLE decisions (id TEXT)');
    part.exec('CREATE TABLE decisions (id TEXT)');
    main.close();
    part.close();
    const view = openReadModelView(join(dir, 'read-models.sqlite'));
    try {
      expect(() => readModelTables(view)).toThrow(
        'Table decisions is in more than one read-model file',
      );
    } finally {
      view.close();
    }
  });

  it('opens no part file for a set of projections that has none in it', async () => {
    await recordSeedCase(store);
    const mainOnly = allProjections().filter((p) => p.part === undefined);
    readModels = new ReadModels(store, dir, mainOnly);
    readModels.start();
    await readModels.caughtUp(10_000);
    expect(existsSync(join(dir, 'read-models.audit.sqlite'))).toBe(false);
    expect(readModels.engines).toHaveLength(1);
  });
});
