import type Database from 'better-sqlite3';
import type { EventStore } from '../../src/event-store/event-store.port';
import { allProjections } from '../../src/projections/all-projections';
import { ProjectionEngine } from '../../src/projections/projection-engine';
import { openReadModelDatabase } from '../../src/projections/read-model-database';
import { readModelTables } from '../../src/projections/read-model-digest';

/** Runs every projection from the store's start into `file` until caught up, and leaves it open. */
export async function project(store: EventStore, file: string): Promise<Database.Database> {
  const db = openReadModelDatabase(file);
  const engine = new ProjectionEngine(store, db, allProjections());
  engine.start();
  await engine.caughtUp();
  await engine.stop();
  return db;
}

/** Every row of every read-model table (not the checkpoints' timestamps), for comparing rebuilds. */
export function dumpReadModels(db: Database.Database): Record<string, unknown[]> {
  return Object.fromEntries(
    readModelTables(db).map((name) => [
      name,
      db.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).all(),
    ]),
  );
}
