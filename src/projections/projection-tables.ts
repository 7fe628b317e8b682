import Database from 'better-sqlite3';
import type { Projection } from './projection';

export interface SchemaObject {
  readonly type: 'table' | 'view';
  readonly name: string;
}

/** The tables and views a projection creates, found by running its setup on an empty database. */
export function schemaObjectsOf(projection: Projection): SchemaObject[] {
  const scratch = new Database(':memory:');
  try {
    projection.setup(scratch);
    return scratch
      .prepare<[], SchemaObject>(
        `SELECT type, name FROM sqlite_master
         WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name`,
      )
      .all();
  } finally {
    scratch.close();
  }
}

/**
 * Drops what a projection created, and its checkpoint, from a file that should not hold them: a
 * read-model file from before its projection moved to another part (see `READ_MODEL_PARTS`).
 * Nothing is written when the file holds none of it.
 */
export function dropProjection(db: Database.Database, projection: Projection): void {
  const objects = schemaObjectsOf(projection).filter(
    (object) =>
      db
        .prepare('SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?')
        .get(object.type, object.name) !== undefined,
  );
  const checkpoint = db
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'projection_checkpoints'`)
    .get()
    ? db.prepare('SELECT 1 FROM projection_checkpoints WHERE projection = ?').get(projection.name)
    : undefined;
  if (objects.length === 0 && checkpoint === undefined) return;
  db.transaction(() => {
    for (const object of objects) {
      db.exec(`DROP ${object.type === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS "${object.name}"`);
    }
    if (checkpoint !== undefined) {
      db.prepare('DELETE FROM projection_checkpoints WHERE projection = ?').run(projection.name);
    }
  })();
}

/** Drops what a projection created, and its checkpoint, so it starts again from position 0. */
export function resetProjection(db: Database.Database, projection: Projection): void {
  db.transaction(() => {
    for (const object of schemaObjectsOf(projection)) {
      db.exec(`DROP ${object.type === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS "${object.name}"`);
    }
    db.prepare('DELETE FROM projection_checkpoints WHERE projection = ?').run(projection.name);
    projection.setup(db);
  })();
}
