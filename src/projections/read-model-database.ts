import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Projection } from './projection';
import { dropProjection } from './projection-tables';
import { partFileName, READ_MODEL_PARTS } from './read-model-files';

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

/**
 * Opens one file of the read models (the main one or a part's) for `own`, the projections of its
 * part, set up in it. A file that still holds the tables of a projection now kept in another part
 * (written before that part existed) has them dropped: that projection builds them again in its
 * own file, from position 0.
 */
export function openReadModelPart(
  file: string,
  own: readonly Projection[],
  all: readonly Projection[],
): Database.Database {
  const db = openReadModelDatabase(file);
  try {
    for (const other of all) if (!own.includes(other)) dropProjection(db, other);
    for (const projection of own) projection.setup(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * One connection to every file of the read models whose main file is `file`: the main file, with
 * each part's file that exists attached under the part's name, so that a table of any part can
 * be queried by its name alone (for comparisons, checks and tests; the API queries each file
 * through its own connection).
 */
export function openReadModelView(file: string): Database.Database {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    for (const part of READ_MODEL_PARTS) {
      const path = join(dirname(file), partFileName(basename(file), part));
      if (existsSync(path)) db.prepare(`ATTACH DATABASE ? AS "${part}"`).run(path);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
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
