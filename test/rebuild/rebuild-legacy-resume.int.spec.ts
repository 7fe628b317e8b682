import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReadModels, rebuildReadModels } from '../../src/cli/commands/rebuild-read-models';
import { readMarker, writeMarker } from '../../src/cli/commands/rebuild-marker';
import { readConfig } from '../../src/config/registry-config';
import { decideRecordDecision } from '../../src/decisions/record/record-decision.decide';
import type { EventStore } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { decideAdmit } from '../../src/participating-states/admit/admit.decide';
import { streamOfState } from '../../src/participating-states/domain/participating-state';
import { allProjections } from '../../src/projections/all-projections';
import {
  openReadModelDatabase,
  openReadModelView,
} from '../../src/projections/read-model-database';
import { checkpointsOf, readModelTables } from '../../src/projections/read-model-digest';
import { currentReadModelsFile, partFileName } from '../../src/projections/read-model-files';
import { dumpReadModels, project } from '../support/read-models';
import { record, recordSeedCase } from '../support/seed-case';
import { generateLog } from './generated-log';

/** The unfinished rebuild an earlier version left: every projection's tables in this one file. */
const TARGET = 'read-models.20261129T040000000Z.sqlite';
const TARGET_AUDIT = partFileName(TARGET, 'audit');
const MAIN = allProjections().filter((p) => p.part === undefined);
const AUDIT = allProjections().filter((p) => p.part === 'audit');
const names = (projections: ReadonlyArray<{ name: string }>): string[] =>
  projections.map((p) => p.name).sort();

/** The indexes a set of projections leaves to readers (`Projection.readerIndexes`). */
function readerIndexes(projections: typeof MAIN): string[] {
  return projections
    .flatMap((p) =>
      Array.from(
        p.readerIndexes?.matchAll(/INDEX\s+IF\s+NOT\s+EXISTS\s+(\w+)/gi) ?? [],
        (m) => m[1],
      ),
    )
    .sort();
}

/** What a file holds itself (not through an attached part). */
function contentsOf(file: string): {
  tables: string[];
  checkpoints: Map<string, bigint>;
  indexes: string[];
} {
  const db = openReadModelDatabase(file);
  try {
    const indexes = db
      .prepare<[], string>(`SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name`)
      .pluck()
      .all();
    return { tables: readModelTables(db), checkpoints: checkpointsOf(db), indexes };
  } finally {
    db.close();
  }
}

/** Every read-model row of the files named `file` (the main one and its parts). */
function dumpOf(file: string): Record<string, unknown[]> {
  const db = openReadModelView(file);
  try {
    return dumpReadModels(db);
  } finally {
    db.close();
  }
}

/** Appends after the middle of the log: for the main file's projections and the audit part's. */
async function appendTail(store: EventStore): Promise<bigint> {
  let head = 0n;
  for (let i = 0; i < 20; i++) {
    await record(
      store,
      [
        {
          stream: streamOfState(`late-state-${i}`),
          events: decideAdmit(
            { id: `late-state-${i}`, name: `Late State ${i}`, admittedOn: '2001-01-01' },
            undefined,
          ),
        },
      ],
      new Date(`2025-02-01T10:${String(i).padStart(2, '0')}:00.000Z`),
    );
    const changes = decideRecordDecision(
      {
        reference: `PC.DEC/${9000 + i}`,
        body: 'permanent-council',
        adoptedOn: '2001-06-01',
        title: `Establishment of late mission ${i}`,
        effects: [
          {
            action: 'establish',
            id: `late-mission-${i}`,
            name: `OSCE Late Mission ${i}`,
            kind: 'mission',
            hostStates: [`late-state-${i}`],
            seat: `Late Seat ${i}`,
            establishedOn: '2001-07-01',
          },
        ],
      },
      undefined,
      new Map(),
      { hasState: () => true, hasDecision: () => true, hasOperation: () => true },
    );
    head = await record(
      store,
      changes,
      new Date(`2025-02-02T10:${String(i).padStart(2, '0')}:00.000Z`),
    );
  }
  return head;
}

describe('resuming a rebuild that an earlier version (one read-model file) left unfinished', () => {
  let dir: string;
  let store: SqliteEventStore;
  /** Where the earlier version's build stopped: every projection's checkpoint in TARGET. */
  let mid: bigint;
  let head: bigint;
  const lines: string[] = [];
  const output = { line: (text: string) => lines.push(text) };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'registry-rebuild-legacy-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), synchronous: 'OFF' });
    await recordSeedCase(store);
    mid = await generateLog(store, 2000);
    // The log as it stood when the earlier version's build stopped.
    const events = new Database(join(dir, 'events.sqlite'), { readonly: true });
    events.prepare('VACUUM INTO ?').run(join(dir, 'events-at-mid.sqlite'));
    events.close();
    head = await appendTail(store);

    // The live read models as the earlier version wrote them: one file, up to the head.
    (await project(store, join(dir, 'read-models.sqlite'))).close();
    // Its unfinished rebuild: one file with every projection's tables and checkpoints at `mid`,
    // without the reader indexes (built only once a build reaches the head).
    const atMid = new SqliteEventStore({ file: join(dir, 'events-at-mid.sqlite') });
    const target = await project(atMid, join(dir, TARGET));
    for (const index of readerIndexes(allProjections())) target.exec(`DROP INDEX ${index}`);
    target.close();
    await atMid.close();
    writeMarker(dir, {
      file: TARGET,
      projection: null,
      stage: 'building',
      startedAt: '2026-11-29T04:00:00.000Z',
      basedOn: 'read-models.sqlite',
    });
    lines.length = 0;
  }, 60_000);

  afterEach(async () => {
    jest.restoreAllMocks();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The read models built from position 0 by this version, beside the others. */
  async function freshRebuild(): Promise<Record<string, unknown[]>> {
    const fresh = 'read-models.fresh.sqlite';
    const built = await buildReadModels(store, dir, fresh, { line: () => undefined });
    await built.close();
    return dumpOf(join(dir, fresh));
  }

  it('starts from an unfinished one-file target with every projection at the middle of the log', () => {
    expect(mid).toBeGreaterThan(1000n);
    expect(head).toBeGreaterThan(mid);
    const before = contentsOf(join(dir, TARGET));
    expect(before.tables).toEqual(expect.arrayContaining(['audit_events', 'decisions']));
    expect(before.tables).toEqual(expect.arrayContaining(['field_operations']));
    expect(names([...before.checkpoints.keys()].map((name) => ({ name })))).toEqual(
      names(allProjections()),
    );
    expect(new Set(before.checkpoints.values())).toEqual(new Set([mid]));
    expect(before.indexes).not.toContain('decisions_by_adoption');
    expect(existsSync(join(dir, TARGET_AUDIT))).toBe(false);
    expect(readMarker(dir)?.file).toBe(TARGET);
  });

  it('resumes it on this thread: audit tables moved to the part file from 0, the rest from its checkpoints', async () => {
    const subscribe = jest.spyOn(store, 'subscribe');

    const result = await rebuildReadModels(store, dir, output);

    // The main file's engine read the log after its checkpoints; the audit part's from the start.
    expect(subscribe.mock.calls.map(([options]) => options?.after)).toEqual([mid, undefined]);
    expect(lines).toContain(
      `rebuild: resuming ${TARGET}: ${TARGET} from position ${mid}, ${TARGET_AUDIT} from position 0`,
    );
    expect(result.file).toBe(TARGET);
    expect(result.head).toBe(head);
    expect(result.switched).toBe(true);
    expect(currentReadModelsFile(dir)).toBe(TARGET);
    expect(readFileSync(join(dir, 'read-models.current'), 'utf8').trim()).toBe(TARGET);
    expect(readMarker(dir)).toBeUndefined();
    expect(existsSync(join(dir, TARGET))).toBe(true);
    expect(existsSync(join(dir, TARGET_AUDIT))).toBe(true);
    expect(lines).toContain(
      `switched: API processes on this data folder serve ${TARGET} within a second; read-models.sqlite can be deleted once they have`,
    );

    const main = contentsOf(join(dir, TARGET));
    expect(main.tables).not.toContain('decisions');
    expect(main.tables).not.toContain('audit_events');
    expect(names([...main.checkpoints.keys()].map((name) => ({ name })))).toEqual(names(MAIN));
    expect(new Set(main.checkpoints.values())).toEqual(new Set([head]));
    expect(main.indexes).toEqual(expect.arrayContaining(readerIndexes(MAIN)));
    expect(main.indexes.filter((i) => readerIndexes(AUDIT).includes(i))).toEqual([]);
    const audit = contentsOf(join(dir, TARGET_AUDIT));
    expect(audit.tables).toEqual(['audit_events', 'decisions']);
    expect(names([...audit.checkpoints.keys()].map((name) => ({ name })))).toEqual(names(AUDIT));
    expect(new Set(audit.checkpoints.values())).toEqual(new Set([head]));
    expect(audit.indexes).toEqual(expect.arrayContaining(readerIndexes(AUDIT)));

    expect(result.comparison?.different).toEqual([]);
    expect(result.comparison?.notCompared).toEqual([]);
    expect(result.comparison?.onlyLive).toEqual([]);
    expect(result.comparison?.onlyRebuilt).toEqual([]);
    const resumed = dumpOf(join(dir, TARGET));
    expect(result.comparison?.identical.length).toBe(Object.keys(resumed).length);
    expect(resumed.decisions.length).toBe(21);
    expect(resumed.audit_events.length).toBe(Number(head));
    expect(resumed).toEqual(dumpOf(join(dir, 'read-models.sqlite')));
    expect(resumed).toEqual(await freshRebuild());
  }, 60_000);

  it('resumes it with the audit part on a worker thread, ending identical to a fresh rebuild', async () => {
    const subscribe = jest.spyOn(store, 'subscribe');

    const result = await rebuildReadModels(store, dir, output, {
      workerConfig: readConfig({ REGISTRY_DATA_DIR: dir }),
      workerMinEvents: 0,
    });

    expect(lines).toContain(`rebuild: ${TARGET_AUDIT} (decisions, audit-index) on a worker thread`);
    // This thread's engines: the main file's, after its checkpoints, then the audit part's
    // follower, after the head the worker brought it to.
    expect(subscribe.mock.calls.map(([options]) => options?.after)).toEqual([mid, head]);
    expect(result.file).toBe(TARGET);
    expect(result.switched).toBe(true);
    expect(currentReadModelsFile(dir)).toBe(TARGET);
    expect(readMarker(dir)).toBeUndefined();
    expect(existsSync(join(dir, TARGET_AUDIT))).toBe(true);

    expect(contentsOf(join(dir, TARGET)).tables).not.toContain('decisions');
    expect(contentsOf(join(dir, TARGET_AUDIT)).tables).toEqual(['audit_events', 'decisions']);
    const view = openReadModelView(join(dir, TARGET));
    try {
      expect(checkpointsOf(view)).toEqual(new Map(allProjections().map((p) => [p.name, head])));
    } finally {
      view.close();
    }
    expect(result.comparison?.different).toEqual([]);
    expect(result.comparison?.notCompared).toEqual([]);
    expect(dumpOf(join(dir, TARGET))).toEqual(await freshRebuild());
  }, 60_000);

  it('keeps the main file rows the earlier version built, and projects the audit tables again', async () => {
    const target = openReadModelDatabase(join(dir, TARGET));
    // Marks in rows written before `mid`: kept only where that file is continued, not rebuilt.
    target
      .prepare("UPDATE field_operations SET name = 'Carried over' WHERE id = 'operation-0'")
      .run();
    target.prepare("UPDATE decisions SET title = 'Tampered' WHERE id = 'pc-dec-526'").run();
    target.prepare("UPDATE audit_events SET actor = 'tampered' WHERE position = 1").run();
    target.close();

    const result = await rebuildReadModels(store, dir, output);

    const resumed = openReadModelView(join(dir, TARGET));
    try {
      const name = resumed.prepare("SELECT name FROM field_operations WHERE id = 'operation-0'");
      expect(name.pluck().get()).toBe('Carried over');
      const title = resumed.prepare("SELECT title FROM decisions WHERE id = 'pc-dec-526'");
      expect(title.pluck().get()).toBe('Establishment of the OSCE Office in Minsk');
      const actor = resumed.prepare('SELECT actor FROM audit_events WHERE position = 1');
      expect(actor.pluck().get()).toBe('secretariat');
    } finally {
      resumed.close();
    }
    expect(result.comparison?.different.map((d) => d.table)).toEqual(['field_operations']);
    expect(result.switched).toBe(true);
  }, 60_000);
});
