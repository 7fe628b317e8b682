/**
 * One rebuild, in a process of its own that `productRebuild` starts with the node flags of
 * `npm run cli` (so with the runtime `cli rebuild` has): `buildReadModels`, what `cli rebuild`
 * runs before its comparison and switch, from position 0 into fresh read-model files (the main
 * file here, each part's on a worker thread), until every projection has reached the head with
 * its reader indexes built. Arguments: the events file (`events.sqlite` in a data folder, opened
 * as the CLI opens it) and the main read-model file to build in that folder. Prints one JSON
 * line, `{ ms, head }`.
 */
import { basename, dirname } from 'node:path';
import { currentBootId } from '../../src/cli/commands/rebuild-marker';
import { buildReadModels } from '../../src/cli/commands/rebuild-read-models';
import { readConfig } from '../../src/config/registry-config';
import { openEventStore } from '../../src/event-store/event-store.module';
import { nowMs } from './stats';

async function main(): Promise<void> {
  const [eventsFile, readModelFile] = process.argv.slice(2);
  if (!eventsFile || !readModelFile || basename(eventsFile) !== 'events.sqlite') {
    throw new Error('usage: rebuild-child <data folder>/events.sqlite <read-model file>');
  }
  if (dirname(readModelFile) !== dirname(eventsFile)) {
    throw new Error('the read-model file must be in the events file’s folder');
  }
  const config = readConfig({ REGISTRY_DATA_DIR: dirname(eventsFile) });
  const store = await openEventStore(config);
  try {
    const started = nowMs();
    const built = await buildReadModels(
      store,
      config.dataDir,
      basename(readModelFile),
      { line: () => undefined },
      // As `cli rebuild` builds a new file: on worker threads, in bulk where the boot is known.
      { workerConfig: config, bulk: currentBootId() !== undefined },
    );
    const ms = nowMs() - started;
    await built.close();
    process.stdout.write(`${JSON.stringify({ ms, head: Number(built.head ?? 0n) })}\n`);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
