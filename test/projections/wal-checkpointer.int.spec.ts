import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReadModelDatabase } from '../../src/projections/read-model-database';
import { WalCheckpointer } from '../../src/projections/wal-checkpointer';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'registry-checkpointer-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('WAL checkpointer', () => {
  it('copies committed WAL frames into the file from another thread, then stops', async () => {
    const file = join(dir, 'read-models.sqlite');
    const db = openReadModelDatabase(file);
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
    const before = statSync(file).size;
    const checkpointer = WalCheckpointer.for(db)!;
    expect(checkpointer).toBeDefined();
    const insert = db.prepare('INSERT INTO rows (text) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run('x'.repeat(500));
    })();
    checkpointer.nudge();
    const deadline = Date.now() + 10_000;
    while (statSync(file).size <= before && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await checkpointer.stop();
    // The main connection never checkpointed (autocheckpoint 0): the worker copied the rows.
    expect(statSync(file).size).toBeGreaterThan(before + 500_000);
    // The writer goes on as before, and the rows read back.
    insert.run('after');
    expect(db.prepare('SELECT COUNT(*) FROM rows').pluck().get()).toBe(2001);
    db.close();
  });

  it('says when its worker fails, and stops all the same', async () => {
    const file = join(dir, 'gone.sqlite');
    const db = openReadModelDatabase(file);
    const checkpointer = WalCheckpointer.for(db)!;
    // The worker opens the file itself (it must exist): gone before it does, it fails.
    rmSync(file);
    const deadline = Date.now() + 10_000;
    while (!checkpointer.failed && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(checkpointer.failed).toBe(true);
    await checkpointer.stop();
    db.close();
  });

  it('is not used for an in-memory database or one not in WAL mode', () => {
    const memory = new Database(':memory:');
    expect(WalCheckpointer.for(memory)).toBeUndefined();
    memory.close();
    const rollback = new Database(join(dir, 'rollback.sqlite'));
    expect(WalCheckpointer.for(rollback)).toBeUndefined();
    rollback.close();
  });

  it('stops at once when nothing was committed', async () => {
    const db = openReadModelDatabase(join(dir, 'idle.sqlite'));
    const checkpointer = WalCheckpointer.for(db)!;
    const started = Date.now();
    await checkpointer.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
    db.close();
  });
});
