import { Logger } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/**
 * The worker's code: its own connection to the read-model file, a PASSIVE checkpoint each time
 * the engine signals a commit, and a last one when told to stop. A PASSIVE checkpoint copies
 * the committed WAL frames into the file without waiting for, or blocking, the engine's writes;
 * once it has copied them all, the engine's next transaction starts the WAL again from its
 * beginning, so the WAL stays about a batch or two long.
 */
const WORKER = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const signal = new Int32Array(workerData.signal);
const db = new Database(workerData.file, { fileMustExist: true });
try {
  db.pragma('synchronous = NORMAL');
  for (;;) {
    Atomics.wait(signal, 0, 0, 1000);
    if (Atomics.exchange(signal, 0, 0) !== 0) {
      try {
        db.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // Busy or failed: the engine's own automatic checkpoints remain as a fallback.
      }
    }
    if (Atomics.load(signal, 1) !== 0) break;
  }
  // Told to stop: what was committed while the last checkpoint ran, or between its check of the
  // signal and the stop, is copied too.
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // As above.
  }
} finally {
  db.close();
}
`;

const PENDING = 0;
const STOP = 1;

/**
 * Checkpoints a read-model file's WAL on another thread while the engine catches up, so that the
 * copying of WAL frames into the file, and its fsyncs, run beside the projecting instead of
 * inside one of the engine's commits (at 1M events, ~15% of a rebuild's time on the main thread).
 * Durability is unchanged: these are the checkpoints SQLite would run, from another connection.
 */
export class WalCheckpointer {
  private readonly signal = new Int32Array(new SharedArrayBuffer(8));
  private readonly exited: Promise<void>;
  private readonly worker: Worker;
  /** The worker failed: checkpoints are left to SQLite's automatic ones on the engine's thread. */
  failed = false;

  private constructor(file: string) {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { file, module: require.resolve('better-sqlite3'), signal: this.signal.buffer },
    });
    this.exited = new Promise((resolve) => {
      worker.once('exit', () => resolve());
      // A worker that fails (it could not open the file) only leaves checkpoints to the engine,
      // which stops nudging it (`failed`).
      worker.once('error', (error) => {
        this.failed = true;
        new Logger('Projections').warn(
          `WAL checkpoints are back on the engine's thread: their worker failed (${error.message})`,
        );
        resolve();
      });
    });
    // It does not keep the process alive, except while `stop` waits for it.
    worker.unref();
    this.worker = worker;
  }

  /** A checkpointer for `db`, or none when it is not a file in WAL mode. */
  static for(db: Database.Database): WalCheckpointer | undefined {
    if (db.memory || !db.open) return undefined;
    if (db.pragma('journal_mode', { simple: true }) !== 'wal') return undefined;
    try {
      return new WalCheckpointer(db.name);
    } catch {
      // No thread to be had: the engine's own automatic checkpoints do the work, as before.
      return undefined;
    }
  }

  /** The engine committed: checkpoint what it wrote. */
  nudge(): void {
    Atomics.store(this.signal, PENDING, 1);
    Atomics.notify(this.signal, PENDING);
  }

  /** Stops after one last checkpoint (what was committed by then); resolves once it has closed. */
  stop(): Promise<void> {
    Atomics.store(this.signal, STOP, 1);
    this.nudge();
    this.worker.ref();
    return this.exited;
  }
}

/** Size of `db`'s WAL file (0 in memory or without one). */
export function walBytes(db: Database.Database): number {
  if (db.memory) return 0;
  return statSync(`${db.name}-wal`, { throwIfNoEntry: false })?.size ?? 0;
}
