import type Database from 'better-sqlite3';

/**
 * Where a reader finds the read-model database: `ReadModels` (the holder that swaps in a rebuilt
 * file while the API serves) or, in tests, one fixed database. Readers ask for `db` on each query.
 */
export interface ReadModelSource {
  readonly db: Database.Database;
}

export function readModelSource(source: ReadModelSource | Database.Database): ReadModelSource {
  return 'prepare' in source ? { db: source } : source;
}
