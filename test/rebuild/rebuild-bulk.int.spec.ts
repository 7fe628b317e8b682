import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as markers from '../../src/cli/commands/rebuild-marker';
import { rebuildReadModels } from '../../src/cli/commands/rebuild-read-models';
import { readConfig } from '../../src/config/registry-config';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { isWalFile, openReadModelView } from '../../src/projections/read-model-database';
import {
  currentReadModelsFile,
  partFileName,
  readModelFileNames,
} from '../../src/projections/read-model-files';
import { dumpReadModels, project } from '../support/read-models';
import { generateLog } from './generated-log';

/** Whether each file of the read models named `file` is in WAL mode, by name. */
function walModes(dir: string, file: string): Record<string, boolean> {
  return Object.fromEntries(
    readModelFileNames(file).map((name) => [name, isWalFile(join(dir, name))]),
  );
}

/**
 * A rebuild writes its new files in bulk (a rollback journal, no fsync) while it builds them, and
 * ends with them flushed and in WAL mode. Its marker records the machine's boot, so that a resume
 * after a restart of the machine starts again instead of building on files a power cut may have
 * torn.
 */
describe('rebuild in bulk', () => {
  let dir: string;
  let store: SqliteEventStore;
  let head: bigint;
  const lines: string[] = [];
  const output = { line: (text: string) => lines.push(text) };
  const options = (): Parameters<typeof rebuildReadModels>[3] => ({
    workerConfig: readConfig({ REGISTRY_DATA_DIR: dir }),
    workerMinEvents: 0,
  });

  /** Starts a build and interrupts it at once: its files exist, set up, none of them built. */
  async function interruptedBuild(): Promise<markers.RebuildMarker> {
    await expect(
      rebuildReadModels(store, dir, output, { ...options(), signal: AbortSignal.abort() }),
    ).rejects.toThrow(/^interrupted at position/);
    return markers.readMarker(dir)!;
  }

  /** What `rebuildReadModels` built, compared with the live read models row by row. */
  function expectSameAsLive(file: string): void {
    const [live, rebuilt] = [
      openReadModelView(join(dir, 'read-models.sqlite')),
      openReadModelView(join(dir, file)),
    ];
    try {
      expect(dumpReadModels(rebuilt)).toEqual(dumpReadModels(live));
    } finally {
      live.close();
      rebuilt.close();
    }
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'registry-rebuild-bulk-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), synchronous: 'OFF' });
    head = await generateLog(store, 3000);
    (await project(store, join(dir, 'read-models.sqlite'))).close();
    lines.length = 0;
  }, 60_000);

  afterEach(async () => {
    jest.restoreAllMocks();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the files without a WAL while building, then flushes them into WAL mode', async () => {
    const bootId = markers.currentBootId();
    if (bootId === undefined) throw new Error('these tests need a boot id (Linux)');
    const marker = await interruptedBuild();
    expect(marker.bootId).toBe(bootId);
    expect(walModes(dir, marker.file)).toEqual({
      [marker.file]: false,
      [partFileName(marker.file, 'audit')]: false,
    });

    const result = await rebuildReadModels(store, dir, output, options());

    expect(result.file).toBe(marker.file);
    expect(result.head).toBe(head);
    expect(Object.values(walModes(dir, result.file))).toEqual([true, true]);
    expect(readdirSync(dir).filter((name) => name.endsWith('-journal'))).toEqual([]);
    expect(result.comparison?.different).toEqual([]);
    expectSameAsLive(result.file);
    expect(currentReadModelsFile(dir)).toBe(result.file);
  }, 60_000);

  it('starts again from position 0 when the machine restarted while the files were written in bulk', async () => {
    const torn = await interruptedBuild();
    markers.writeMarker(dir, { ...torn, bootId: 'a-boot-before-a-power-cut' });

    const result = await rebuildReadModels(store, dir, output, options());

    expect(lines).toContain(
      `rebuild: the machine restarted while ${torn.file} was being written without fsync; starting again`,
    );
    expect(result.file).not.toBe(torn.file);
    expect(lines).toContain(`rebuild: building ${result.file} from position 0`);
    for (const name of readModelFileNames(torn.file))
      expect(existsSync(join(dir, name))).toBe(false);
    expect(result.comparison?.different).toEqual([]);
    expectSameAsLive(result.file);
  }, 60_000);

  it('goes on after a restart when the files were built and flushed before it', async () => {
    const ready = await rebuildReadModels(store, dir, output, { ...options(), switch: false });
    const marker = markers.readMarker(dir)!;
    expect(marker.file).toBe(ready.file);
    markers.writeMarker(dir, { ...marker, bootId: 'an-earlier-boot' });
    lines.length = 0;

    const result = await rebuildReadModels(store, dir, output, options());

    expect(result.file).toBe(ready.file);
    expect(lines.join('\n')).not.toMatch(/restarted|from position 0/);
    expect(lines).toContain(`rebuild: resuming ${ready.file} from position ${head}`);
    expect(result.switched).toBe(true);
    expectSameAsLive(result.file);
  }, 60_000);

  it('writes in WAL mode where the boot cannot be told, and its marker records none', async () => {
    jest.spyOn(markers, 'currentBootId').mockReturnValue(undefined);
    const marker = await interruptedBuild();
    expect(marker.bootId).toBeUndefined();
    expect(Object.values(walModes(dir, marker.file))).toEqual([true, true]);

    const result = await rebuildReadModels(store, dir, output, options());
    expect(result.comparison?.different).toEqual([]);
    expectSameAsLive(result.file);
  }, 60_000);
});
