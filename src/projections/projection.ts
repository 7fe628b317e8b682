import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../event-store/event-store.port';

/**
 * A read model fed from the event store. `apply` runs inside the runner's transaction together with
 * the checkpoint update, so it must only write through `db` and never await.
 */
export interface Projection {
  /** Stable name; also the checkpoint key. */
  readonly name: string;
  /** Creates or migrates the projection's tables (idempotent). */
  setup(db: Database.Database): void;
  apply(db: Database.Database, event: RecordedEvent): void;
}

export const PROJECTIONS = Symbol('Projections');
