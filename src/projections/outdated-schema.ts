import Database from 'better-sqlite3';

/**
 * Drops a projection's tables and its checkpoint when a file holds them in another layout, so that
 * the projection builds them again from position 0. Read models are derived data: this is a
 * rebuild of one projection, not a migration of its rows.
 *
 * A table is in another layout when the statement that created it differs from the one `schema`
 * would run now (SQLite keeps each table's CREATE statement as written), so any change to a
 * table's definition, columns or `WITHOUT ROWID` alike, re-projects it. Indexes are not compared:
 * `CREATE INDEX IF NOT EXISTS` adds a new one to an existing file.
 */
export function resetIfOutdated(
  db: Database.Database,
  projection: string,
  schema: string,
  tables: readonly string[],
): void {
  const scratch = new Database(':memory:');
  let wanted: Map<string, string>;
  try {
    scratch.exec(schema);
    wanted = new Map(tableStatements(scratch));
  } finally {
    scratch.close();
  }
  const outdated = tableStatements(db).some(
    ([table, sql]) => tables.includes(table) && wanted.get(table) !== sql,
  );
  if (!outdated) return;
  db.transaction(() => {
    for (const table of tables) db.exec(`DROP TABLE IF EXISTS "${table}"`);
    db.prepare('DELETE FROM projection_checkpoints WHERE projection = ?').run(projection);
  })();
}

/** Each table's name and creating statement, whitespace runs made one space. */
function tableStatements(db: Database.Database): Array<[string, string]> {
  return db
    .prepare<[], { name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
    )
    .all()
    .map(({ name, sql }) => [name, sql.replace(/\s+/g, ' ')]);
}
