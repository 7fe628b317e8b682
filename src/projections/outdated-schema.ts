import type Database from 'better-sqlite3';

/**
 * Drops a projection's tables and its checkpoint when a file holds them in an earlier layout (the
 * `probe` column is missing), so that the projection builds them again from position 0. Read
 * models are derived data: this is a rebuild of one projection, not a migration of its rows.
 */
export function resetIfOutdated(
  db: Database.Database,
  projection: string,
  probe: { table: string; column: string },
  tables: readonly string[],
): void {
  const columns = db.prepare<[], { name: string }>(`PRAGMA table_info("${probe.table}")`).all();
  if (columns.length === 0 || columns.some((c) => c.name === probe.column)) return;
  db.transaction(() => {
    for (const table of tables) db.exec(`DROP TABLE IF EXISTS "${table}"`);
    db.prepare('DELETE FROM projection_checkpoints WHERE projection = ?').run(projection);
  })();
}
