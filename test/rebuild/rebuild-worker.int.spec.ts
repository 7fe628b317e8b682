import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PartInWorker } from '../../src/cli/commands/rebuild-worker';
import { readConfig } from '../../src/config/registry-config';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { allProjections } from '../../src/projections/all-projections';
import {
  isWalFile,
  openReadModelDatabase,
  openReadModelPart,
} from '../../src/projections/read-model-database';
import { checkpointsOf } from '../../src/projections/read-model-digest';
import { dumpReadModels, project } from '../support/read-models';
import { until } from '../support/until';
import { generateLog } from './generated-log';

const EVENTS = 20_000;
const audit = allProjections().filter((p) => p.part === 'audit');

/**
 * The lowest checkpoint of the audit projections in `file` (0 before they have one), read without
 * changing its journal mode (a worker may be writing it in bulk).
 */
function reached(file: string): bigint {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const positions = audit.map((p) => checkpointsOf(db).get(p.name) ?? 0n);
    return positions.reduce((a, b) => (b < a ? b : a));
  } finally {
    db.close();
  }
}

describe('a read-model part built on a worker thread', () => {
  let dir: string;
  let head: bigint;
  /** The audit tables as one thread projects them, every projection in one file. */
  let expected: Record<string, unknown[]>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'registry-rebuild-worker-'));
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), synchronous: 'OFF' });
    head = await generateLog(store, EVENTS);
    const whole = await project(store, join(dir, 'one-thread.sqlite'));
    const dump = dumpReadModels(whole);
    expected = { audit_events: dump.audit_events, decisions: dump.decisions };
    whole.close();
    await store.close();
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A fresh audit file, and workers building it from the events in `dataDir`. */
  function part(
    name: string,
    dataDir = dir,
  ): { file: string; worker: (from?: bigint, stopTimeoutMs?: number) => PartInWorker } {
    const file = join(dir, name);
    openReadModelPart(file, audit, allProjections()).close();
    const request = {
      config: readConfig({ REGISTRY_DATA_DIR: dataDir }),
      file,
      projections: audit.map((p) => p.name),
      bulk: true,
    };
    return {
      file,
      worker: (from, stopTimeoutMs) => new PartInWorker(request, from, stopTimeoutMs),
    };
  }

  function auditTables(file: string): Record<string, unknown[]> {
    const db: Database.Database = openReadModelDatabase(file);
    try {
      const dump = dumpReadModels(db);
      return { audit_events: dump.audit_events, decisions: dump.decisions };
    } finally {
      db.close();
    }
  }

  it('stops after a committed batch when asked, and a second worker resumes it to the head', async () => {
    const { file, worker } = part('stopped.audit.sqlite');
    const first = worker();
    const building = first.reach(head).then(
      () => 'done',
      (error: Error) => error.message,
    );
    await until(() => reached(file) > 0n, 60_000);
    await first.stop();

    expect(await building).toMatch(/the worker building .* stopped \(exit code 0\)/);
    const stoppedAt = reached(file);
    expect(stoppedAt).toBeGreaterThan(0n);
    expect(stoppedAt).toBeLessThan(head);
    expect(first.checkpoint()).toBe(stoppedAt);
    // Written in bulk, as asked: a rollback journal, not a WAL.
    expect(isWalFile(file)).toBe(false);

    const second = worker(stoppedAt);
    await second.reach(head);
    expect(second.checkpoint()).toBe(head);
    expect(reached(file)).toBe(head);
    expect(auditTables(file)).toEqual(expected);
  }, 120_000);

  it('terminates a worker that does not stop in time, losing no committed batch', async () => {
    const { file, worker } = part('terminated.audit.sqlite');
    // Asked to stop, it has 1 ms before it is terminated: never enough to finish its batch.
    const impatient = worker(undefined, 1);
    const building = impatient.reach(head).catch((error: Error) => error.message);
    await until(() => reached(file) > 0n, 60_000);
    await impatient.stop();

    expect(await building).toMatch(/stopped \(exit code 1\)/);
    const at = reached(file);
    expect(at).toBeLessThan(head);
    await worker(at).reach(head);
    expect(auditTables(file)).toEqual(expected);
  }, 120_000);

  it('reports a projection that fails on the worker with its error', async () => {
    // The worker opens the event store in a folder it cannot create (under a file).
    const { file, worker } = part('missing-store.audit.sqlite', join(dir, 'events.sqlite', 'x'));
    const broken = worker();
    await expect(broken.reach(head)).rejects.toThrow(/ENOTDIR|EEXIST|not a directory/i);
    await broken.stop();
    expect(broken.checkpoint()).toBeUndefined();
    expect(reached(file)).toBe(0n);
  }, 60_000);
});
