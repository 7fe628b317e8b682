import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readSync } from 'node:fs';
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

export interface ReadModelFileOptions {
  /**
   * Bulk writing, for a file nothing serves from yet (a rebuild's new files): a rollback journal
   * and no fsync (`journal_mode=DELETE`, `synchronous=OFF`) until `endBulkWrites`. A growing file
   * writes each new page once, straight into the file, where WAL writes it to the WAL and then
   * again into the file (a checkpoint), on a thread of its own: at 1M events a rebuild took ~10%
   * less time and ~5 s less CPU of its two cores. A killed process loses nothing committed (the
   * kernel holds the writes; the journal rolls back the unfinished batch on the next open); a
   * machine that stops (power cut, kernel crash) may leave the file torn, so whoever writes in
   * bulk must be able to tell and start again (the rebuild records the boot it wrote in).
   */
  readonly bulk?: boolean;
}

/**
 * The local, rebuildable SQLite file holding every read model and each projection's checkpoint.
 * It is derived data: synchronous=NORMAL is enough, since rows and checkpoint commit together and
 * anything lost to a power cut is replayed from the event store. In bulk mode (see
 * `ReadModelFileOptions.bulk`) it is written without a WAL until `endBulkWrites`.
 */
export function openReadModelDatabase(
  file: string,
  { bulk = false }: ReadModelFileOptions = {},
): Database.Database {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma(`journal_mode = ${bulk ? 'DELETE' : 'WAL'}`);
    db.pragma(`synchronous = ${bulk ? 'OFF' : 'NORMAL'}`);
    // The WAL grows while the engine catches up (see ProjectionEngine); give the disk back after.
    db.pragma('journal_size_limit = 67108864');
    db.pragma('busy_timeout = 5000');
    db.exec(CHECKPOINTS);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Ends bulk writing (see `ReadModelFileOptions.bulk`): flushes the file and its folder to the
 * disk, then puts it in WAL mode, as every served file is. Other connections to the file may stay
 * open, idle: they follow it into WAL mode, and each needs its own call for its own
 * synchronous=NORMAL (on a file another connection has already ended, that is all it does).
 */
export function endBulkWrites(db: Database.Database): void {
  if (!db.memory && db.pragma('journal_mode', { simple: true }) !== 'wal') {
    fsyncPath(db.name);
    // The file's name in its folder (it may be new); where a folder cannot be opened, the file's
    // own flush is all there is.
    try {
      fsyncPath(dirname(db.name));
    } catch {
      // As above.
    }
    db.pragma('journal_mode = WAL');
  }
  db.pragma('synchronous = NORMAL');
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether the SQLite file at `path` is in WAL mode, read from its header (the file format
 * numbers at offsets 18-19 are 2 in WAL mode, 1 with a rollback journal) without opening it: false
 * for a file too short to have a header.
 */
export function isWalFile(path: string): boolean {
  const header = Buffer.alloc(20);
  const fd = openSync(path, 'r');
  try {
    return readSync(fd, header, 0, 20, 0) === 20 && header[18] === 2 && header[19] === 2;
  } finally {
    closeSync(fd);
  }
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
  options: ReadModelFileOptions = {},
): Database.Database {
  const db = openReadModelDatabase(file, options);
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
