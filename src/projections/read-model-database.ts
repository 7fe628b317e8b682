import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const CHECKPOINTS = `
CREATE TABLE IF NOT EXISTS projection_checkpoints (
  projection TEXT PRIMARY KEY,
  position   INTEGER NOT NULL,
  updated_at TEXT    NOT NULL
);`;

/**
 * The local, rebuildable SQLite file holding every read model and each projection's checkpoint.
 * It is derived data: synchronous=NORMAL is enough, since rows and checkpoint commit together and
 * anything lost to a power cut is replayed from the event store.
 */
export function openReadModelDatabase(file: string): Database.Database {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // The WAL grows while the engine catches up (see ProjectionEngine); give the disk back after.
  db.pragma('journal_size_limit = 67108864');
  db.pragma('busy_timeout = 5000');
  db.exec(CHECKPOINTS);
  return db;
}

export class Checkpoints {
  private readonly read: Database.Statement<[string], { position: bigint }>;
  private readonly write: Database.Statement<[string, bigint, string]>;

  constructor(db: Database.Database) {
    this.read = db
      .prepare<[string], { position: bigint }>(
        'SELECT position FROM projection_checkpoints WHERE projection = ?',
      )
      .safeIntegers(true);
    this.write = db.prepare(
      `INSERT INTO projection_checkpoints (projection, position, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (projection) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
    );
  }

  get(projection: string): bigint | undefined {
    return this.read.get(projection)?.position;
  }

  set(projection: string, position: bigint): void {
    this.write.run(projection, position, new Date().toISOString());
  }
}
