import type Database from 'better-sqlite3';

/**
 * Where a reader finds the read-model database: `ReadModels` (the holder that swaps in a rebuilt
 * file while the API serves) or, in tests, one fixed database. Readers ask for `db` on each query.
 */
export interface ReadModelSource {
  readonly db: Database.Database;
  /**
   * Moves whenever the read models may have changed (a batch applied, another file switched in),
   * so a reader may keep answers derived from them while it stays put. Undefined when no engine
   * reports changes (a fixed database): readers then keep nothing that depends on it.
   */
  readonly generation?: number;
}

export function readModelSource(source: ReadModelSource | Database.Database): ReadModelSource {
  return 'prepare' in source ? { db: source } : source;
}
