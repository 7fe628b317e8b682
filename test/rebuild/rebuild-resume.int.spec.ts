import type Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMarker } from '../../src/cli/commands/rebuild-marker';
import { allProjections } from '../../src/projections/all-projections';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { isWalFile, openReadModelView } from '../../src/projections/read-model-database';
import { checkpointsOf } from '../../src/projections/read-model-digest';
import { currentReadModelsFile } from '../../src/projections/read-model-files';
import { exited } from '../support/child-process';
import { dumpReadModels, project } from '../support/read-models';
import { until } from '../support/until';
import { runCli, startCli } from './cli';
import { generateLog } from './generated-log';

// Above the 50,000 events from which the audit file is built on a worker thread.
const EVENTS = 55_000;

/** The lowest checkpoint in the file being rebuilt, once the marker names it (0 before). */
function rebuiltSoFar(dir: string): bigint {
  const marker = readMarker(dir);
  if (!marker || !existsSync(join(dir, marker.file))) return 0n;
  let db: Database.Database;
  try {
    db = openReadModelView(join(dir, marker.file));
  } catch {
    return 0n; // not created yet
  }
  try {
    const positions = [...checkpointsOf(db).values()];
    return positions.length < allProjections().length
      ? 0n
      : positions.reduce((a, b) => (b < a ? b : a));
  } catch {
    return 0n; // the checkpoint table is not there yet
  } finally {
    db.close();
  }
}

describe('rebuild after an interruption', () => {
  let dir: string;
  let head: bigint;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'registry-rebuild-resume-'));
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), synchronous: 'OFF' });
    head = await generateLog(store, EVENTS);
    (await project(store, join(dir, 'read-models.sqlite'))).close();
    await store.close();
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('continues the killed build from its checkpoints and ends identical to the live read models', async () => {
    const first = startCli(['rebuild'], dir);
    await until(() => rebuiltSoFar(dir) > 0n, 60_000);
    first.child.kill('SIGKILL');
    await exited(first.child);
    const marker = readMarker(dir)!;
    const reachedBeforeKill = rebuiltSoFar(dir);
    expect(reachedBeforeKill).toBeGreaterThan(0n);
    expect(reachedBeforeKill).toBeLessThan(head);
    // Killed while writing in bulk (no WAL): what it committed is kept all the same.
    expect(isWalFile(join(dir, marker.file))).toBe(false);
    expect(currentReadModelsFile(dir)).toBe('read-models.sqlite');

    const second = await runCli(['rebuild'], dir);

    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(
      `rebuild: resuming ${marker.file} from position ${reachedBeforeKill}`,
    );
    expect(second.stdout).not.toContain('from position 0');
    expect(second.stdout).toMatch(/\.audit\.sqlite \(decisions, audit-index\) on a worker thread/);
    expect(second.stdout).toMatch(
      /compare with read-models.sqlite: \d+ table\(s\) identical, 0 different/,
    );
    expect(currentReadModelsFile(dir)).toBe(marker.file);
    const live = openReadModelView(join(dir, 'read-models.sqlite'));
    const rebuilt = openReadModelView(join(dir, marker.file));
    expect(dumpReadModels(rebuilt)).toEqual(dumpReadModels(live));
    expect(new Set(checkpointsOf(rebuilt).values())).toEqual(new Set([head]));
    live.close();
    rebuilt.close();
  }, 120_000);

  it('stops on Ctrl-C with exit code 130, keeping what it built for the next run', async () => {
    const run = startCli(['rebuild', '--restart'], dir);
    await until(() => run.lines.some((l) => l.startsWith('rebuild: building')), 60_000);
    await until(() => rebuiltSoFar(dir) > 0n, 60_000);
    run.child.kill('SIGINT');
    const { code, stderr } = await run.done();

    expect(code).toBe(130);
    expect(stderr).toMatch(
      /^rebuild interrupted at position (\d+): run the same command again to continue from there\n$/,
    );
    const stoppedAt = BigInt(/position (\d+)/.exec(stderr)![1]);
    expect(stoppedAt).toBeGreaterThan(0n);
    expect(rebuiltSoFar(dir)).toBe(stoppedAt);
    expect(run.lines.join('\n')).toMatch(/on a worker thread/);
    expect(readMarker(dir)).toBeDefined();
  }, 120_000);
});
