import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';

export interface TableDigest {
  readonly rows: number;
  /** SHA-256 over every row, in the order of all its columns. */
  readonly sha256: string;
}

/** Every read-model table of a database (not the checkpoints, whose timestamps always differ). */
export function readModelTables(db: Database.Database): string[] {
  return db
    .prepare<[], { name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
       AND name <> 'projection_checkpoints' ORDER BY name`,
    )
    .all()
    .map((t) => t.name);
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

/** Checkpoint of every projection in a read-model database. */
export function checkpointsOf(db: Database.Database): Map<string, bigint> {
  const rows = db
    .prepare<[], { projection: string; position: bigint }>(
      'SELECT projection, position FROM projection_checkpoints',
    )
    .safeIntegers()
    .all();
  return new Map(rows.map((r) => [r.projection, r.position]));
}
