import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../event-store/event-store.port';
import type { ReadModelPart } from './read-model-files';

/**
 * A read model fed from the event store. `apply` runs inside the runner's transaction together with
 * the checkpoint update, so it must only write through `db` and never await.
 */
export interface Projection {
  /** Stable name; also the checkpoint key. */
  readonly name: string;
  /**
   * The read-model file holding its tables: the main one when undefined, else that part's (see
   * `READ_MODEL_PARTS`), projected by an engine of its own. Its readers query that file alone.
   */
  readonly part?: ReadModelPart;
  /** Creates or migrates the projection's tables (idempotent). */
  setup(db: Database.Database): void;
  /**
   * `CREATE INDEX IF NOT EXISTS` statements that only readers use (`apply` must not need them).
   * The engine runs them once the projection has caught up with the log, not at setup: filling a
   * fresh file from position 0 then writes the tables alone, and each index is built once over
   * its rows, several times cheaper than keeping it in order one random insert at a time.
   */
  readonly readerIndexes?: string;
  apply(db: Database.Database, event: RecordedEvent): void;
  /**
   * Called after the events of a batch, in the same savepoint: writes what `apply` left in
   * memory for the end of the batch (the field-operations projection writes an operation's last
   * version once per batch, not once per event). After it, the rows are complete.
   */
  finishBatch?(db: Database.Database): void;
  /**
   * Drops whatever the projection keeps in memory about its rows between events (a cache of
   * folded states). The runner calls it when the rows may no longer be what this process wrote:
   * after a rolled-back batch, or when another process sharing the file has moved the checkpoint.
   */
  forget?(): void;
}

export const PROJECTIONS = Symbol('Projections');
