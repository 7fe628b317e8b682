/** Child process: runs the ledger projection slowly over an existing store until killed. */
import { ProjectionEngine } from '../../src/projections/projection-engine';
import { openReadModelDatabase } from '../../src/projections/read-model-database';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { LedgerProjection } from '../support/ledger-projection';

const [eventsFile, readModelFile] = process.argv.slice(2);
const engine = new ProjectionEngine(
  new SqliteEventStore({ file: eventsFile }),
  openReadModelDatabase(readModelFile),
  [new LedgerProjection(3)],
);
engine.runners[0].onProgress(() =>
  process.stdout.write(`checkpoint ${engine.runners[0].checkpoint}\n`),
);
engine.start();
