import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';

export interface TableDigest {
  readonly rows: number;
  /** SHA-256 over every row, in the order of all its columns. */
  readonly sha256: string;
}

/** The schemas of a connection: `main` and every attached read-model part. */
function schemasOf(db: Database.Database): string[] {
  return db
    .prepare<[], { name: string }>('PRAGMA database_list')
    .all()
    .map((d) => d.name)
    .filter((name) => name !== 'temp');
}

/**
 * Every read-model table of a database and of the parts attached to it (see `openReadModelView`),
 * by name alone; not the checkpoints, whose timestamps always differ. A name in two of the files
 * is an error: queried by name, only one of them would be read.
 */
export function readModelTables(db: Database.Database): string[] {
  const tables = schemasOf(db)
    .flatMap((schema) =>
      db
        .prepare<[], { name: string }>(
          `SELECT name FROM "${schema}".sqlite_master WHERE type = 'table'
           AND name NOT LIKE 'sqlite_%' AND name <> 'projection_checkpoints'`,
        )
        .all()
        .map((t) => t.name),
    )
    .sort();
  // A name in two files would be read from the first alone.
  const twice = tables.find((table, i) => tables[i + 1] === table);
  if (twice !== undefined) throw new Error(`Table ${twice} is in more than one read-model file`);
  return tables;
}

/** Row count and content digest of one table, independent of insertion order and file layout. */
export function digestTable(db: Database.Database, table: string): TableDigest {
  const columns = db.prepare(`SELECT COUNT(*) AS n FROM pragma_table_info(?)`).pluck().get(table);
  const order = Array.from({ length: Number(columns) }, (_, i) => i + 1).join(', ');
  const hash = createHash('sha256');
  let rows = 0;
  const statement = db.prepare(`SELECT * FROM "${table}" ORDER BY ${order}`).raw().safeIntegers();
  for (const row of statement.iterate() as Iterable<unknown[]>) {
    hash.update(JSON.stringify(row, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)));
    hash.update('\n');
    rows++;
  }
  return { rows, sha256: hash.digest('hex') };
}

/** Checkpoint of every projection in a read-model database and the parts attached to it. */
export function checkpointsOf(db: Database.Database): Map<string, bigint> {
  const checkpoints = new Map<string, bigint>();
  for (const schema of schemasOf(db)) {
    const exists = db
      .prepare(
        `SELECT 1 FROM "${schema}".sqlite_master WHERE type = 'table' AND name = 'projection_checkpoints'`,
      )
      .get();
    if (!exists) continue;
    const rows = db
      .prepare<[], { projection: string; position: bigint }>(
        `SELECT projection, position FROM "${schema}".projection_checkpoints`,
      )
      .safeIntegers()
      .all();
    for (const row of rows) checkpoints.set(row.projection, row.position);
  }
  return checkpoints;
}
