import { Logger } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import type { EventStore } from '../event-store/event-store.port';
import type { Projection } from './projection';
import { ProjectionEngine, type ProjectionStatus } from './projection-engine';
import { openReadModelDatabase } from './read-model-database';
import { currentReadModelsFile } from './read-model-files';
import type { ReadModelProgress } from './read-model-progress';
import type { ReadModelSource } from './read-model-source';

/** One read-model file, open, with the engine feeding it. */
interface ReadModelFile {
  readonly name: string;
  readonly db: Database.Database;
  readonly engine: ProjectionEngine;
}

export interface ReadModelsOptions {
  /** How often the pointer file is checked for a switch (ms). */
  readonly pointerCheckMs?: number;
  /** How long a switched-to file may take to catch up before the switch is abandoned (ms). */
  readonly switchTimeoutMs?: number;
}

/**
 * Holds the read-model database the API currently serves from and the engine feeding it. A rebuild
 * (the CLI, in another process) builds a new file and rewrites the pointer in the data folder; this
 * holder notices within a second, opens the new file, lets its engine catch up from its own
 * checkpoints, swaps it in for every reader at once, then stops and closes the old one.
 */
export class ReadModels implements ReadModelSource, ReadModelProgress {
  private readonly logger = new Logger('ReadModels');
  private active: ReadModelFile;
  private timer?: NodeJS.Timeout;
  private switching?: Promise<void>;
  /** A pointer value whose switch failed; retried only once the pointer changes again. */
  private refused?: string;
  private onSwitch = new Set<() => void>();
  private changes = 0;

  constructor(
    private readonly store: EventStore,
    private readonly dataDir: string,
    private readonly projections: readonly Projection[],
    private readonly options: ReadModelsOptions = {},
  ) {
    this.active = this.open(currentReadModelsFile(dataDir));
  }

  /** The current read-model connection; ask again for each query, it changes on a switch. */
  get db(): Database.Database {
    return this.active.db;
  }

  /** Moves on every batch any engine of this holder applies and on every switch. */
  get generation(): number {
    return this.changes;
  }

  /** File name (in the data folder) of the current read models. */
  get file(): string {
    return this.active.name;
  }

  get engine(): ProjectionEngine {
    return this.active.engine;
  }

  start(): void {
    this.active.engine.start();
    this.timer = setInterval(() => this.checkPointer(), this.options.pointerCheckMs ?? 1000);
    this.timer.unref();
  }

  /** Stops watching and feeding (the event store must still be open); `close` releases the file. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.switching;
    await this.active.engine.stop();
  }

  close(): void {
    if (this.active.db.open) this.active.db.close();
  }

  /** Serves from `name` (a file in the data folder) once it has caught up with the log. */
  async switchTo(name: string): Promise<void> {
    if (name === this.active.name) return;
    const next = this.open(name);
    next.engine.start();
    try {
      const head = await this.store.headPosition();
      await next.engine.reach(head, this.options.switchTimeoutMs ?? 60_000);
    } catch (error) {
      await next.engine.stop();
      next.db.close();
      throw error;
    }
    const previous = this.active;
    this.active = next;
    this.changes++;
    for (const listener of this.onSwitch) listener();
    await previous.engine.stop();
    previous.db.close();
    this.logger.log(`Read models switched from ${previous.name} to ${next.name}`);
  }

  /** Waits on whichever file is current; a switch during the wait carries on with the new one. */
  async waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const engine = this.active.engine;
      const outcome = await this.untilSwitch(engine.waitFor(position, deadline - Date.now()));
      if (outcome !== 'switched') return outcome;
      if (Date.now() >= deadline) return this.active.engine.reached(position);
    }
  }

  caughtUp(timeoutMs?: number): Promise<void> {
    return this.active.engine.caughtUp(timeoutMs);
  }

  status(): Promise<ProjectionStatus[]> {
    return this.active.engine.status();
  }

  private untilSwitch<T>(work: Promise<T>): Promise<T | 'switched'> {
    return new Promise((resolve, reject) => {
      const listener = (): void => {
        this.onSwitch.delete(listener);
        resolve('switched');
      };
      this.onSwitch.add(listener);
      work.then(resolve, reject).finally(() => this.onSwitch.delete(listener));
    });
  }

  private open(name: string): ReadModelFile {
    const db = openReadModelDatabase(join(this.dataDir, name));
    for (const projection of this.projections) projection.setup(db);
    const engine = new ProjectionEngine(this.store, db, this.projections);
    for (const runner of engine.runners) runner.onProgress(() => this.changes++);
    return { name, db, engine };
  }

  private checkPointer(): void {
    if (this.switching) return;
    let name: string;
    try {
      name = currentReadModelsFile(this.dataDir);
    } catch (error) {
      this.logger.error(error instanceof Error ? error.message : String(error));
      return;
    }
    if (name === this.active.name || name === this.refused) return;
    this.switching = this.switchTo(name)
      .catch((error: unknown) => {
        this.refused = name;
        const reason = error instanceof Error ? error.message : String(error);
        this.logger.error(`Not switching to ${name}: ${reason}`);
      })
      .finally(() => (this.switching = undefined));
  }
}
