import type Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rebuildReadModels } from '../../src/cli/commands/rebuild-read-models';
import { readMarker, REBUILD_MARKER } from '../../src/cli/commands/rebuild-marker';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { allProjections } from '../../src/projections/all-projections';
import { ProjectionEngine } from '../../src/projections/projection-engine';
import {
  openReadModelDatabase,
  openReadModelView,
} from '../../src/projections/read-model-database';
import { checkpointsOf, readModelTables } from '../../src/projections/read-model-digest';
import { currentReadModelsFile, partFileName } from '../../src/projections/read-model-files';
import { readConfig } from '../../src/config/registry-config';
import { dumpReadModels } from '../support/read-models';
import { OFFICE, recordSeedCase } from '../support/seed-case';
import { generateLog } from './generated-log';

/** The live read models as the API builds them: fed while the log grows, in small batches. */
async function liveWhileAppending(store: SqliteEventStore, dir: string): Promise<bigint> {
  const db = openReadModelDatabase(join(dir, 'read-models.sqlite'));
  const engine = new ProjectionEngine(store, db, allProjections());
  engine.start();
  await recordSeedCase(store);
  await generateLog(store, 3000);
  const head = (await store.headPosition())!;
  await engine.reach(head, 30_000);
  await engine.stop();
  db.close();
  return head;
}

/** Every file of the read models named `file`, on one connection. */
function open(dir: string, file: string): Database.Database {
  return openReadModelView(join(dir, file));
}

describe('rebuild', () => {
  let dir: string;
  let store: SqliteEventStore;
  let head: bigint;
  const lines: string[] = [];
  const output = { line: (text: string) => lines.push(text) };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'registry-rebuild-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), synchronous: 'OFF' });
    head = await liveWhileAppending(store, dir);
    lines.length = 0;
  }, 60_000);

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds read models identical to the live ones, table by table, then switches to them', async () => {
    const subscribe = jest.spyOn(store, 'subscribe');
    const result = await rebuildReadModels(store, dir, output);
    // One reading of the log per file, the main one and the audit part's.
    expect(subscribe).toHaveBeenCalledTimes(2);

    expect(result.file).toMatch(/^read-models\.\d{8}T\d{9}Z\.sqlite$/);
    expect(result.resumedFrom).toBeUndefined();
    const [live, rebuilt] = [open(dir, 'read-models.sqlite'), open(dir, result.file)];
    const liveDump = dumpReadModels(live);
    expect(Object.keys(liveDump)).toEqual(
      expect.arrayContaining(['field_operations', 'field_operation_history', 'decisions']),
    );
    expect(liveDump.field_operation_history.length).toBeGreaterThan(2900);
    expect(dumpReadModels(rebuilt)).toEqual(liveDump);
    expect(checkpointsOf(rebuilt)).toEqual(checkpointsOf(live));
    expect([...checkpointsOf(rebuilt).values()].every((p) => p === head)).toBe(true);
    live.close();
    rebuilt.close();

    expect(result.comparison?.different).toEqual([]);
    expect(result.comparison?.identical.length).toBe(Object.keys(liveDump).length);
    expect(lines).toContain(
      `verify: every projection (${allProjections()
        .map((p) => p.name)
        .join(', ')}) reached position ${head} with no error`,
    );
    expect(result.switched).toBe(true);
    expect(currentReadModelsFile(dir)).toBe(result.file);
    expect(readFileSync(join(dir, 'read-models.current'), 'utf8').trim()).toBe(result.file);
    expect(readMarker(dir)).toBeUndefined();
  }, 60_000);

  it('builds the parts besides the main file on worker threads, each file holding its own tables', async () => {
    const workerConfig = readConfig({ REGISTRY_DATA_DIR: dir });
    const result = await rebuildReadModels(store, dir, output, {
      workerConfig,
      workerMinEvents: 0,
    });

    const audit = partFileName(result.file, 'audit');
    expect(lines).toContain(`rebuild: ${audit} (decisions, audit-index) on a worker thread`);
    const tablesOf = (file: string): string[] => {
      const db = openReadModelDatabase(join(dir, file));
      try {
        return readModelTables(db);
      } finally {
        db.close();
      }
    };
    expect(tablesOf(audit)).toEqual(['audit_events', 'decisions']);
    expect(tablesOf(result.file)).toEqual(
      expect.arrayContaining(['field_operations', 'participating_states', 'chairpersonships']),
    );
    expect(tablesOf(result.file)).not.toContain('decisions');
    const [live, rebuilt] = [open(dir, 'read-models.sqlite'), open(dir, result.file)];
    expect(dumpReadModels(rebuilt)).toEqual(dumpReadModels(live));
    expect([...checkpointsOf(rebuilt).values()]).toEqual(allProjections().map(() => head));
    const indexes = rebuilt
      .prepare(
        "SELECT COUNT(*) FROM audit.sqlite_master WHERE type = 'index' AND name LIKE 'audit_events_by_%'",
      )
      .pluck()
      .get();
    expect(indexes).toBe(6);
    live.close();
    rebuilt.close();
    expect(result.comparison?.different).toEqual([]);
    expect(result.switched).toBe(true);
    // The live files then were the one-file kind: only read-models.sqlite to delete.
    expect(lines).toContainEqual(
      expect.stringMatching(/; read-models\.sqlite can be deleted once they have$/),
    );

    lines.length = 0;
    const again = await rebuildReadModels(store, dir, output, { workerConfig, workerMinEvents: 0 });
    expect(lines).toContain(
      `switched: API processes on this data folder serve ${again.file} within a second; ${result.file} and ${audit} can be deleted once they have`,
    );
  }, 60_000);

  it('fails with the error of a part that fails on its worker, keeping what was built for the next run', async () => {
    // The worker opens the event store from this configuration: here a folder it cannot create.
    const workerConfig = readConfig({ REGISTRY_DATA_DIR: join(dir, 'events.sqlite', 'x') });

    await expect(
      rebuildReadModels(store, dir, output, { workerConfig, workerMinEvents: 0 }),
    ).rejects.toThrow(/ENOTDIR|EEXIST|not a directory/i);
    const marker = readMarker(dir)!;
    expect(currentReadModelsFile(dir)).toBe('read-models.sqlite');

    const finished = await rebuildReadModels(store, dir, output, {
      workerConfig: readConfig({ REGISTRY_DATA_DIR: dir }),
      workerMinEvents: 0,
    });
    expect(finished.file).toBe(marker.file);
    expect(finished.comparison?.different).toEqual([]);
    expect(currentReadModelsFile(dir)).toBe(marker.file);
  }, 60_000);

  it('stops its worker when interrupted, and the next run finishes both files', async () => {
    const workerConfig = readConfig({ REGISTRY_DATA_DIR: dir });
    const signal = AbortSignal.abort();

    await expect(
      rebuildReadModels(store, dir, output, { workerConfig, workerMinEvents: 0, signal }),
    ).rejects.toThrow(/^interrupted at position \d+: run the same command again/);
    const marker = readMarker(dir)!;
    expect(lines).toContain(
      `rebuild: ${partFileName(marker.file, 'audit')} (decisions, audit-index) on a worker thread`,
    );

    const finished = await rebuildReadModels(store, dir, output, {
      workerConfig,
      workerMinEvents: 0,
    });
    expect(finished.file).toBe(marker.file);
    expect(finished.comparison?.different).toEqual([]);
    expect(finished.comparison?.identical.length).toBeGreaterThan(10);
  }, 60_000);

  it('projects every file on this thread when there are few events to project', async () => {
    const workerConfig = readConfig({ REGISTRY_DATA_DIR: dir });
    const result = await rebuildReadModels(store, dir, output, { workerConfig });
    expect(lines.some((l) => l.includes('on a worker thread'))).toBe(false);
    expect(result.comparison?.different).toEqual([]);
  }, 60_000);

  it.each([
    ['malformed JSON', '{"file": "read-models.x.sqlite",'],
    [
      'a part’s file',
      JSON.stringify({
        file: 'read-models.20261129T040000000Z.audit.sqlite',
        projection: null,
        stage: 'building',
        startedAt: '2026-11-29T04:00:00.000Z',
        basedOn: 'read-models.sqlite',
      }),
    ],
    [
      'a path outside the folder',
      JSON.stringify({
        file: 'read-models.20261129T040000000Z.sqlite',
        projection: 'decisions',
        stage: 'copying',
        startedAt: '2026-11-29T04:00:00.000Z',
        basedOn: '../read-models.sqlite',
      }),
    ],
  ])(
    'refuses a marker naming %s, and --restart discards only the marker',
    async (_, text) => {
      writeFileSync(join(dir, REBUILD_MARKER), text);

      await expect(rebuildReadModels(store, dir, output)).rejects.toThrow(
        /read-models\.rebuild\.json cannot be read \(.+\): run `rebuild --restart` to discard it and start again/,
      );
      expect(readdirSync(dir).filter((f) => f.includes('20261129T04'))).toEqual([]);

      const result = await rebuildReadModels(store, dir, output, { restart: true });
      expect(lines).toContain('rebuild: discarding the unreadable read-models.rebuild.json');
      expect(result.switched).toBe(true);
      expect(result.comparison?.different).toEqual([]);
    },
    60_000,
  );

  it('reports a table that differs from the live file, and with --strict does not switch', async () => {
    const live = open(dir, 'read-models.sqlite');
    live.prepare("UPDATE field_operations SET name = 'Tampered' WHERE id = ?").run(OFFICE);
    live.close();

    await expect(rebuildReadModels(store, dir, output, { strict: true })).rejects.toThrow(
      /not switching \(--strict\): the rebuilt read models differ from read-models.sqlite/,
    );
    expect(lines.find((l) => l.startsWith('  DIFFERENT'))).toMatch(
      /^ {2}DIFFERENT field_operations:/,
    );
    expect(currentReadModelsFile(dir)).toBe('read-models.sqlite');

    lines.length = 0;
    const result = await rebuildReadModels(store, dir, output);
    expect(result.comparison?.different.map((d) => d.table)).toEqual(['field_operations']);
    expect(result.switched).toBe(true);
    const rebuilt = open(dir, result.file);
    expect(
      rebuilt.prepare('SELECT name FROM field_operations WHERE id = ?').pluck().get(OFFICE),
    ).toBe('OSCE Office in Minsk');
    rebuilt.close();
  }, 60_000);

  it.each([
    // The live folder as earlier versions wrote it: the audit index moves to its file, from 0.
    ['one file', ['audit_events', 'decisions']],
    ['two files', ['decisions']],
  ])(
    'rebuilds one projection from 0 and carries the others over from the live files (%s)',
    async (layout, different) => {
      const liveFile =
        layout === 'one file'
          ? 'read-models.sqlite'
          : (await rebuildReadModels(store, dir, output)).file;
      const live = open(dir, liveFile);
      const actorOf = live.prepare('SELECT actor FROM audit_events WHERE position = 1').pluck();
      const actor = actorOf.get();
      live.prepare("UPDATE decisions SET title = 'Tampered' WHERE id = 'pc-dec-526'").run();
      live.prepare("UPDATE audit_events SET actor = 'carried' WHERE position = 1").run();
      live
        .prepare("UPDATE participating_states SET name = 'Carried over' WHERE id = 'belarus'")
        .run();
      live.close();

      const result = await rebuildReadModels(store, dir, output, { projection: 'decisions' });

      const rebuilt = open(dir, result.file);
      const title = rebuilt.prepare("SELECT title FROM decisions WHERE id = 'pc-dec-526'");
      expect(title.pluck().get()).toBe('Establishment of the OSCE Office in Minsk');
      const audited = rebuilt.prepare('SELECT actor FROM audit_events WHERE position = 1');
      expect(audited.pluck().get()).toBe(layout === 'one file' ? actor : 'carried');
      const state = rebuilt.prepare("SELECT name FROM participating_states WHERE id = 'belarus'");
      expect(state.pluck().get()).toBe('Carried over');
      expect([...checkpointsOf(rebuilt).values()].every((p) => p === head)).toBe(true);
      rebuilt.close();
      expect(result.comparison?.different.map((d) => d.table)).toEqual(different);
    },
    60_000,
  );

  it('refuses an unknown projection, and a different rebuild while one is unfinished', async () => {
    await expect(rebuildReadModels(store, dir, output, { projection: 'nope' })).rejects.toThrow(
      /Unknown projection "nope"; one of: field-operations, decisions/,
    );
    const ready = await rebuildReadModels(store, dir, output, { switch: false });
    expect(ready.switched).toBe(false);
    expect(readMarker(dir)?.file).toBe(ready.file);

    await expect(
      rebuildReadModels(store, dir, output, { projection: 'decisions' }),
    ).rejects.toThrow(
      `A rebuild of every projection into ${ready.file} is unfinished: run \`rebuild\` to finish it, or add --restart to discard it`,
    );
    const finished = await rebuildReadModels(store, dir, output);
    expect(finished.file).toBe(ready.file);
    expect(finished.resumedFrom).toBe(head);
    expect(currentReadModelsFile(dir)).toBe(ready.file);
  }, 60_000);
});
