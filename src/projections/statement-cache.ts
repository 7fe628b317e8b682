import type Database from 'better-sqlite3';

/**
 * Prepares a projection's or reader's statements once per database: the first call for a `db`
 * prepares them, later calls reuse them (a rebuild into another file gets its own set).
 */
export function statementCache<T>(
  prepare: (db: Database.Database) => T,
): (db: Database.Database) => T {
  const cache = new WeakMap<Database.Database, T>();
  return (db) => {
    let statements = cache.get(db);
    if (!statements) {
      statements = prepare(db);
      cache.set(db, statements);
    }
    return statements;
  };
}
