import { Logger } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import type { EventStore } from '../event-store/event-store.port';
import type { Projection } from './projection';
import { ProjectionEngine, type ProjectionStatus } from './projection-engine';
import { openReadModelPart, type ReadModelFileOptions } from './read-model-database';
import { currentReadModelsFile, partFileName, type ReadModelPart } from './read-model-files';
import type { ReadModelProgress } from './read-model-progress';
import type { ReadModelSource } from './read-model-source';

/** One file of the read models (the main one, or a part's), open, with the engine feeding it. */
interface OpenPart {
  readonly part: ReadModelPart | undefined;
  readonly db: Database.Database;
  readonly engine: ProjectionEngine;
}

/** The read models named by one pointer value: the main file and each part's, all open. */
interface ReadModelFile {
  readonly name: string;
  /** The main file's first. */
  readonly parts: readonly OpenPart[];
}

/** The projections of each file, the main file's first (`Projection.part`). */
function byPart(
  projections: readonly Projection[],
): Array<[ReadModelPart | undefined, Projection[]]> {
  const parts = new Map<ReadModelPart | undefined, Projection[]>([[undefined, []]]);
  for (const projection of projections) {
    const list = parts.get(projection.part) ?? [];
    list.push(projection);
    parts.set(projection.part, list);
  }
  return [...parts];
}

/** One file of the read models (the main one, or a part's), open and set up for its projections. */
export interface ReadModelPartFile {
  readonly part: ReadModelPart | undefined;
  readonly db: Database.Database;
  readonly projections: Projection[];
}

/**
 * Opens every file of the read models named `name` in `dataDir`, the main file first, each set
 * up for its part's projections (see `openReadModelPart`); if one cannot be opened, closes the
 * others before throwing.
 */
export function openReadModelFiles(
  dataDir: string,
  name: string,
  projections: readonly Projection[],
  options: ReadModelFileOptions = {},
): ReadModelPartFile[] {
  const files: ReadModelPartFile[] = [];
  try {
    for (const [part, own] of byPart(projections)) {
      const path = join(dataDir, partFileName(name, part));
      const db = openReadModelPart(path, own, projections, options);
      files.push({ part, db, projections: own });
    }
    return files;
  } catch (error) {
    for (const { db } of files) db.close();
    throw error;
  }
}

export interface ReadModelsOptions {
  /** How often the pointer file is checked for a switch (ms). */
  readonly pointerCheckMs?: number;
  /** How long a switched-to file may take to catch up before the switch is abandoned (ms). */
  readonly switchTimeoutMs?: number;
}

/**
 * Holds the read-model files the API currently serves from (the main one and each part's, see
 * `READ_MODEL_PARTS`) and the engines feeding them, one per file. A rebuild (the CLI, in another
 * process) builds new files and rewrites the pointer in the data folder; this holder notices
 * within a second, opens the new files, lets their engines catch up from their own checkpoints,
 * swaps them in for every reader at once, then stops and closes the old ones.
 */
export class ReadModels implements ReadModelSource, ReadModelProgress {
  private readonly logger = new Logger('ReadModels');
  private active: ReadModelFile;
  private timer?: NodeJS.Timeout;
  private switching?: Promise<void>;
  /** A pointer value whose switch failed; retried only once the pointer changes again. */
  private refused?: string;
  private onSwitch = new Set<() => void>();
  /**
   * Each file's generation (the main file's under undefined): moves on every batch its engine
   * applies and on every switch, never back, so that a reader of one file keeps what it derived
   * from it while another file's engine applies batches.
   */
  private readonly changes = new Map<ReadModelPart | undefined, number>();

  constructor(
    private readonly store: EventStore,
    private readonly dataDir: string,
    private readonly projections: readonly Projection[],
    private readonly options: ReadModelsOptions = {},
  ) {
    this.active = this.open(currentReadModelsFile(dataDir));
  }

  /**
   * The current main read-model file's connection; ask again for each query, it changes on a
   * switch. A reader of a projection in another part asks `sourceOf` for its file.
   */
  get db(): Database.Database {
    return this.active.parts[0].db;
  }

  /** Where the readers of `projection`'s tables find them: the current file of its part. */
  sourceOf(projection: string): ReadModelSource {
    const found = this.projections.find((p) => p.name === projection);
    if (!found) throw new Error(`No projection named ${projection}`);
    const db = (): Database.Database => this.active.parts.find((p) => p.part === found.part)!.db;
    const generation = (): number => this.changes.get(found.part) ?? 0;
    // Holds no file: each query finds the current one.
    return {
      get db() {
        return db();
      },
      get generation() {
        return generation();
      },
    };
  }

  /** The main file's generation: moves on every batch its engine applies and on every switch. */
  get generation(): number {
    return this.changes.get(undefined) ?? 0;
  }

  /** File name (in the data folder) of the current read models. */
  get file(): string {
    return this.active.name;
  }

  /** Every engine feeding the current files, the main file's first. */
  get engines(): ProjectionEngine[] {
    return this.active.parts.map((p) => p.engine);
  }

  start(): void {
    for (const engine of this.engines) engine.start();
    this.timer = setInterval(() => this.checkPointer(), this.options.pointerCheckMs ?? 1000);
    this.timer.unref();
  }

  /** Stops watching and feeding (the event store must still be open); `close` releases the file. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.switching;
    await Promise.all(this.engines.map((engine) => engine.stop()));
  }

  close(): void {
    for (const { db } of this.active.parts) if (db.open) db.close();
  }

  /** Serves from `name` (a file in the data folder) once it has caught up with the log. */
  async switchTo(name: string): Promise<void> {
    if (name === this.active.name) return;
    const next = this.open(name);
    for (const { engine } of next.parts) engine.start();
    try {
      const head = await this.store.headPosition();
      const timeoutMs = this.options.switchTimeoutMs ?? 60_000;
      await Promise.all(next.parts.map(({ engine }) => engine.reach(head, timeoutMs)));
    } catch (error) {
      await closeAll(next);
      throw error;
    }
    const previous = this.active;
    this.active = next;
    for (const part of new Set([...previous.parts, ...next.parts].map((p) => p.part))) {
      this.moved(part);
    }
    for (const listener of this.onSwitch) listener();
    await closeAll(previous);
    this.logger.log(`Read models switched from ${previous.name} to ${next.name}`);
  }

  /** Waits on whichever file is current; a switch during the wait carries on with the new one. */
  async waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const engines = this.engines;
      const outcome = await this.untilSwitch(
        Promise.all(engines.map((e) => e.waitFor(position, deadline - Date.now()))),
      );
      if (outcome !== 'switched') return outcome.every(Boolean);
      if (Date.now() >= deadline) return this.engines.every((e) => e.reached(position));
    }
  }

  /**
   * Resolves true once every file's projections stand at the same checkpoint (at once if they
   * do), false after `timeoutMs` if they never do meanwhile (a projection that failed). Each
   * engine commits its batch on its own; a read made synchronously right after this resolves
   * sees the files agree: whatever one shows of the log, the others show too.
   */
  aligned(timeoutMs = 1000): Promise<boolean> {
    const runners = this.engines.flatMap((engine) => engine.runners);
    const agree = (): boolean => runners.every((r) => r.checkpoint === runners[0].checkpoint);
    if (agree()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (yes: boolean): void => {
        clearTimeout(timer);
        for (const off of unsubscribe) off();
        resolve(yes);
      };
      const timer = setTimeout(() => finish(agree()), timeoutMs);
      const unsubscribe = runners.map((r) =>
        r.onProgress(() => {
          if (agree()) finish(true);
        }),
      );
    });
  }

  async caughtUp(timeoutMs?: number): Promise<void> {
    await Promise.all(this.engines.map((engine) => engine.caughtUp(timeoutMs)));
  }

  /** Every projection's progress, whichever file it feeds. */
  async status(): Promise<ProjectionStatus[]> {
    const statuses = await Promise.all(this.engines.map((engine) => engine.status()));
    const order = this.projections.map((p) => p.name);
    return statuses.flat().sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
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

  /** Opens every file of the read models named `name`, each with its engine (not started). */
  private open(name: string): ReadModelFile {
    const files = openReadModelFiles(this.dataDir, name, this.projections);
    try {
      const parts = files.map(({ part, db, projections }): OpenPart => {
        const engine = new ProjectionEngine(this.store, db, projections);
        for (const runner of engine.runners) runner.onProgress(() => this.moved(part));
        return { part, db, engine };
      });
      return { name, parts };
    } catch (error) {
      for (const { db } of files) db.close();
      throw error;
    }
  }

  private moved(part: ReadModelPart | undefined): void {
    this.changes.set(part, (this.changes.get(part) ?? 0) + 1);
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

/** Stops a file set's engines and closes its files. */
async function closeAll(file: ReadModelFile): Promise<void> {
  await Promise.all(file.parts.map(({ engine }) => engine.stop()));
  for (const { db } of file.parts) if (db.open) db.close();
}
