import type Database from 'better-sqlite3';
import type { EventStore } from '../event-store/event-store.port';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import type { ReadModelProgress } from './read-model-progress';
import { Checkpoints } from './read-model-database';

export interface ProjectionStatus {
  name: string;
  checkpoint: string | null;
  lag: string | null;
  caughtUp: boolean;
  error: string | null;
}

/** Runs every projection against one read-model database and reports how far each has got. */
export class ProjectionEngine implements ReadModelProgress {
  readonly runners: ProjectionRunner[];

  constructor(
    private readonly store: EventStore,
    readonly db: Database.Database,
    projections: readonly Projection[],
  ) {
    const checkpoints = new Checkpoints(db);
    this.runners = projections.map((p) => new ProjectionRunner(p, store, db, checkpoints));
  }

  start(): void {
    for (const runner of this.runners) runner.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }

  /** The lowest checkpoint: every read model has processed at least this position. */
  reached(position: bigint): boolean {
    return this.runners.every((r) => r.checkpoint !== undefined && r.checkpoint >= position);
  }

  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.reached(position)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (ok: boolean): void => {
        clearTimeout(timer);
        unsubscribe.forEach((off) => off());
        resolve(ok);
      };
      const timer = setTimeout(() => finish(this.reached(position)), timeoutMs);
      const unsubscribe = this.runners.map((r) =>
        r.onProgress(() => {
          if (this.reached(position)) finish(true);
        }),
      );
    });
  }

  /** The first projection that has stopped on an error, if any. */
  failed(): { name: string; error: Error } | undefined {
    const runner = this.runners.find((r) => r.failure);
    return runner?.failure ? { name: runner.projection.name, error: runner.failure } : undefined;
  }

  /**
   * Resolves once every projection has passed `position` (or, for an empty log, has caught up);
   * rejects as soon as one fails, or after `timeoutMs`.
   */
  reach(position: bigint | undefined, timeoutMs = Number.POSITIVE_INFINITY): Promise<void> {
    const done = (): boolean =>
      position === undefined ? this.runners.every((r) => r.isCaughtUp) : this.reached(position);
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const failure = this.failed();
        if (failure)
          finish(new Error(`Projection ${failure.name} failed: ${failure.error.message}`));
        else if (done()) finish();
      };
      const finish = (error?: Error): void => {
        if (timer) clearTimeout(timer);
        unsubscribe.forEach((off) => off());
        if (error) reject(error);
        else resolve();
      };
      const timer = Number.isFinite(timeoutMs)
        ? setTimeout(
            () =>
              finish(
                new Error(`Read models did not reach position ${position} in ${timeoutMs} ms`),
              ),
            timeoutMs,
          )
        : undefined;
      const unsubscribe = this.runners.map((r) => r.onProgress(check));
      check();
    });
  }

  /** Resolves once every projection has caught up with the log as it was when it started. */
  async caughtUp(timeoutMs = 30_000): Promise<void> {
    const head = await this.store.headPosition();
    if (head !== undefined && !(await this.waitFor(head, timeoutMs))) {
      throw new Error(`Read models did not reach position ${head} within ${timeoutMs} ms`);
    }
  }

  /** Each projection's progress; `lag` is null while the store's head cannot be read. */
  async status(): Promise<ProjectionStatus[]> {
    const head = await this.store.headPosition().then(
      (position) => position ?? 0n,
      () => undefined,
    );
    return this.runners.map((r) => ({
      name: r.projection.name,
      checkpoint: r.checkpoint === undefined ? null : String(r.checkpoint),
      lag: head === undefined ? null : String(head - (r.checkpoint ?? 0n)),
      caughtUp: r.isCaughtUp,
      error: r.failure?.message ?? null,
    }));
  }
}
