/**
 * One rebuild, in a process of its own that `productRebuild` starts with the node flags of
 * `npm run cli` (so with the runtime `cli rebuild` has): the registry's ProjectionEngine with every
 * projection, from position 0 into a fresh read-model file, until every projection has reached the
 * head with its reader indexes built (what `cli rebuild` runs before its comparison and switch).
 * Arguments: the events file and the read-model file. Prints one JSON line, `{ ms, head }`.
 */
import { allProjections } from '../../src/projections/all-projections';
import { ProjectionEngine } from '../../src/projections/projection-engine';
import { openReadModelDatabase } from '../../src/projections/read-model-database';
import { nowMs } from './stats';
import { openProduct } from './stores';

async function main(): Promise<void> {
  const [eventsFile, readModelFile] = process.argv.slice(2);
  if (!eventsFile || !readModelFile) {
    throw new Error('usage: rebuild-child <events file> <read-model file>');
  }
  const product = openProduct(eventsFile);
  const db = openReadModelDatabase(readModelFile);
  try {
    const head = await product.store.headPosition();
    const started = nowMs();
    const engine = new ProjectionEngine(product.store, db, allProjections());
    try {
      engine.start();
      await engine.reach(head);
      const ms = nowMs() - started;
      process.stdout.write(`${JSON.stringify({ ms, head: Number(head ?? 0n) })}\n`);
    } finally {
      await engine.stop();
    }
  } finally {
    db.close();
    await product.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
