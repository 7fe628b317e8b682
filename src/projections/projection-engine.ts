import type Database from 'better-sqlite3';
import type { EventStore, RecordedEvent, Subscription } from '../event-store/event-store.port';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import type { ReadModelProgress } from './read-model-progress';
import { Checkpoints } from './read-model-database';
import { walBytes, WalCheckpointer } from './wal-checkpointer';

/** What one projection made of a batch: the position it reached, or why it failed. */
type Outcome =
  { runner: ProjectionRunner; reached: bigint } | { runner: ProjectionRunner; error: unknown };

export interface ProjectionStatus {
  name: string;
  checkpoint: string | null;
  lag: string | null;
  caughtUp: boolean;
  error: string | null;
}

/**
 * A batch closes at `batchLimit` events, which adapts so that applying one takes about
 * `BATCH_TARGET_MS`: large while cheap events catch up (fewer commits, each page of the indexes
 * written once for many events), small when projecting is slow, so that the event loop (HTTP) is
 * never held much longer than that between batches.
 */
const BATCH_TARGET_MS = 100;
const FIRST_BATCH_LIMIT = 500;
const MIN_BATCH_LIMIT = 20;
const MAX_BATCH_LIMIT = 10_000;

/**
 * WAL pages between automatic checkpoints while the engine catches up (200 MB of 4 KB pages),
 * then SQLite's default again. Each checkpoint copies the WAL into the file and fsyncs both, and
 * the main thread waits for it: at the default (every 4 MB) a rebuild from position 0 was ~20%
 * slower. Durability is unchanged (synchronous=NORMAL): a power cut loses at most the commits
 * since the last checkpoint, with their checkpoints, and those are projected again from the log.
 */
const CATCH_UP_CHECKPOINT_PAGES = 50_000;
const CHECKPOINT_PAGES = 1000;

/**
 * WAL file size from which a catch-up's checkpoints run on another thread (`WalCheckpointer`):
 * three quarters of `CATCH_UP_CHECKPOINT_PAGES` pages of the file's size, so that the worker only
 * takes over checkpoints the engine would have run itself. A shorter catch-up (100k events: a WAL
 * of ~120 MB in 4 KB pages) has none, and a worker's fsyncs beside its writes would only slow it.
 */
export function offloadWalBytesOf(db: Database.Database): number {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  return CATCH_UP_CHECKPOINT_PAGES * 0.75 * pageSize;
}

/**
 * The page cache (KiB) while reader indexes are built. SQLite's sorter sorts runs of at most the
 * cache's size in memory, writes them out and merges them; runs of 4 MB instead of the default
 * 16 MB cache stay within the CPU's caches: at 1M events the eight reader indexes took ~15-20%
 * less time and CPU (~3.3 s -> ~2.9 s; a 64 MB cache, or a sort in memory, made them slower).
 */
const INDEX_BUILD_CACHE_KIB = 4096;

/**
 * Helper threads SQLite's sorter may use while reader indexes are built: runs are sorted and
 * merged beside the scan of the table. At 1M events the eight indexes took ~13% less time
 * (~3.1 s -> ~2.7 s) for ~40% more CPU, on a core the engine's thread leaves idle. An engine
 * building beside another one (a rebuild's worker) has no idle core to give them: it sets
 * `ProjectionEngineOptions.indexBuildThreads` to 0.
 */
const INDEX_BUILD_THREADS = 2;

export interface ProjectionEngineOptions {
  /** WAL size from which a catch-up checkpoints on another thread (tests set it low). */
  readonly offloadWalBytes?: number;
  /** Helper threads for the sorter while reader indexes are built (default `INDEX_BUILD_THREADS`). */
  readonly indexBuildThreads?: number;
}

/** The names of the indexes `CREATE [UNIQUE] INDEX IF NOT EXISTS [main.]name` statements create. */
const CREATED_INDEX =
  /CREATE\s+(?:UNIQUE\s+)?INDEX\s+IF\s+NOT\s+EXISTS\s+(?:["`[]?main["`\]]?\.)?["`[]?(\w+)["`\]]?/gi;
/** Every index-creating statement, named in a way `CREATED_INDEX` reads or not. */
const ANY_CREATE_INDEX = /CREATE\s+(?:UNIQUE\s+)?INDEX\b/gi;

/**
 * Runs every projection against one read-model database and reports how far each has got.
 *
 * The engine reads the log once for all its projections: one subscription, after the lowest
 * checkpoint of the projections it feeds. It collects events into a batch (closed when full, see
 * `BATCH_TARGET_MS`, on caught-up, or when no event is immediately waiting) and applies the batch
 * in one IMMEDIATE transaction: each projection applies the events after its own stored
 * checkpoint, in a savepoint of its own, and moves its checkpoint. So after a crash each resumes exactly after its last
 * committed batch, and projections that stand at different checkpoints (a rebuild of one
 * projection beside the others) share the read, the ones ahead skipping what they have.
 *
 * A projection that fails rolls back only its own savepoint: the others commit and go on, the
 * failed one stays at its checkpoint (its error in /health) and is left out of batches until its
 * retry, after a growing delay, when the engine reads the log again from the lowest checkpoint.
 * If the transaction itself fails (the file is locked, the disk is full) or the log cannot be read,
 * every projection fails that way. Between full batches the engine yields to the event loop, so
 * the API keeps answering during a long catch-up.
 */
export class ProjectionEngine implements ReadModelProgress {
  readonly runners: ProjectionRunner[];
  private subscription?: Subscription;
  private batch: RecordedEvent[] = [];
  private flushScheduled = false;
  private resubscribeScheduled = false;
  private stopped = true;
  private done?: Promise<void>;
  private batchLimit = FIRST_BATCH_LIMIT;
  /** Between start and the first caught-up: a catch-up, not the log's tail. */
  private catchingUpNow = false;
  private checkpointer?: WalCheckpointer;
  /** The last checkpointer's stop, which `stop` waits for. */
  private checkpointerStopped: Promise<void> = Promise.resolve();
  /** The file cannot have one (in memory, not WAL) or no thread could be started. */
  private noCheckpointer = false;
  private readonly commit: (events: RecordedEvent[]) => Outcome[];
  private readonly offloadWalBytes: number;
  private readonly indexBuildThreads: number;

  constructor(
    private readonly store: EventStore,
    readonly db: Database.Database,
    projections: readonly Projection[],
    options: ProjectionEngineOptions = {},
  ) {
    this.offloadWalBytes = options.offloadWalBytes ?? offloadWalBytesOf(db);
    this.indexBuildThreads = options.indexBuildThreads ?? INDEX_BUILD_THREADS;
    const checkpoints = new Checkpoints(db);
    this.runners = projections.map((p) => new ProjectionRunner(p, db, checkpoints));
    const transaction = db.transaction((events: RecordedEvent[]): Outcome[] =>
      this.runners
        .filter((runner) => runner.active)
        .map((runner): Outcome => {
          try {
            return { runner, reached: runner.applyBatch(events) };
          } catch (error) {
            return { runner, error };
          }
        }),
    );
    this.commit = (events) => transaction.immediate(events);
  }

  start(): void {
    this.stopped = false;
    void this.catchingUp(true);
    this.subscribe();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const runner of this.runners) runner.cancelRetry();
    await this.subscription?.close();
    await this.done;
    this.flush();
    await this.catchingUp(false);
  }

  /**
   * Checkpoints the WAL less often while catching up (see `CATCH_UP_CHECKPOINT_PAGES`), and from
   * another thread once the WAL has grown large (see `offloadWalBytesOf`). Temporary files are
   * kept in memory meanwhile: each projection's savepoint copies the pages it changes that were
   * already in the file into a sub-journal, which SQLite otherwise spills to a temporary file past
   * 64 KB, a write per page (at 1M events ~2.6% of the engine's thread, in the kernel). Reader
   * indexes are built with the default (see `buildReaderIndexes`): with temporary files in
   * memory the sorter sorts a whole index in one run in memory, which is slower. The setting is
   * the connection's: reads served from it meanwhile (a server's first start) sort in memory too.
   */
  private catchingUp(yes: boolean): Promise<void> {
    this.catchingUpNow = yes;
    const checkpointer = this.checkpointer;
    this.checkpointer = undefined;
    if (this.db.open) {
      this.db.pragma(`wal_autocheckpoint = ${yes ? CATCH_UP_CHECKPOINT_PAGES : CHECKPOINT_PAGES}`);
      this.db.pragma(`temp_store = ${yes ? 'MEMORY' : 'DEFAULT'}`);
    }
    if (checkpointer) this.checkpointerStopped = checkpointer.stop();
    return this.checkpointerStopped;
  }

  /** Reads the log after the lowest checkpoint of the projections not waiting for a retry. */
  private subscribe(): void {
    this.batch = [];
    const fed = this.runners.filter((runner) => runner.active);
    if (this.stopped || fed.length === 0) return;
    const checkpoints = fed.map((runner) => runner.checkpoint);
    const after = checkpoints.includes(undefined)
      ? undefined
      : checkpoints.reduce((a, b) => (b! < a! ? b : a));
    const subscription = this.store.subscribe({ after });
    this.subscription = subscription;
    this.done = this.consume(subscription).catch((error: unknown) => {
      if (this.stopped || subscription !== this.subscription) return;
      this.subscription = undefined;
      void subscription.close();
      this.failAll(error);
    });
  }

  /** What a failed runner calls when its retry is due; none once the engine has stopped. */
  private get retry(): (() => void) | undefined {
    return this.stopped ? undefined : () => this.resubscribe();
  }

  /** A runner's retry is due: read the log again from the lowest checkpoint, its own included. */
  private resubscribe(): void {
    if (this.resubscribeScheduled) return;
    this.resubscribeScheduled = true;
    setImmediate(() => {
      this.resubscribeScheduled = false;
      if (this.stopped) return;
      const previous = this.subscription;
      this.subscription = undefined;
      void previous?.close();
      this.subscribe();
    });
  }

  private async consume(subscription: Subscription): Promise<void> {
    for await (const message of subscription) {
      if (subscription !== this.subscription) return;
      if (message.kind === 'caught-up') {
        this.flush();
        // Before the catch-up's checkpointing ends: the worker, if any, copies the index pages.
        try {
          this.buildReaderIndexes();
        } finally {
          void this.catchingUp(false);
        }
        for (const runner of this.runners) if (runner.active) runner.reachedHead();
        continue;
      }
      this.batch.push(message.event);
      if (this.batch.length >= this.batchLimit) {
        this.flush();
        // Catching up runs on promise jobs alone; let HTTP requests and timers in between batches.
        await new Promise((resolve) => setImmediate(resolve));
      } else this.scheduleFlush();
    }
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  /** Applies the batch; failures are recorded on the runners, never thrown. */
  private flush(): void {
    if (this.batch.length === 0) return;
    const events = this.batch;
    this.batch = [];
    let outcomes: Outcome[];
    const started = performance.now();
    try {
      outcomes = this.commit(events);
    } catch (error) {
      for (const runner of this.runners) runner.rolledBack();
      this.failAll(error);
      return;
    }
    this.adaptBatchLimit(events.length, performance.now() - started);
    if (this.catchingUpNow) this.offloadCheckpoints();
    for (const outcome of outcomes) {
      if ('error' in outcome) outcome.runner.fail(outcome.error, this.retry);
      else outcome.runner.committed(outcome.reached);
    }
    // Every projection failed: nothing to read the log for until a retry.
    if (this.runners.every((runner) => !runner.active)) this.closeSubscription();
  }

  /** After a commit while catching up: the worker checkpoints it, once the WAL has grown large. */
  private offloadCheckpoints(): void {
    if (this.checkpointer?.failed) {
      this.checkpointer = undefined;
      this.noCheckpointer = true;
    }
    if (!this.checkpointer) {
      if (this.noCheckpointer || walBytes(this.db) < this.offloadWalBytes) return;
      this.checkpointer = WalCheckpointer.for(this.db);
      this.noCheckpointer = this.checkpointer === undefined;
    }
    this.checkpointer?.nudge();
  }

  /** Shrinks the limit at once after a slow batch; doubles it after a full batch that was quick. */
  private adaptBatchLimit(size: number, elapsedMs: number): void {
    if (elapsedMs > BATCH_TARGET_MS) {
      const fitting = Math.floor((size * BATCH_TARGET_MS) / elapsedMs);
      this.batchLimit = Math.max(MIN_BATCH_LIMIT, fitting);
    } else if (size >= this.batchLimit) {
      this.batchLimit = Math.min(MAX_BATCH_LIMIT, this.batchLimit * 2);
    }
  }

  private failAll(error: unknown): void {
    this.batch = [];
    for (const runner of this.runners) {
      if (runner.active) runner.fail(error, this.retry);
    }
    this.closeSubscription();
  }

  private closeSubscription(): void {
    const subscription = this.subscription;
    this.subscription = undefined;
    void subscription?.close();
  }

  /**
   * Creates the indexes projections leave to readers (see `Projection.readerIndexes`): on caught-up,
   * and when `reach` or `caughtUp` resolves, so that a rebuild's file has them before it is compared
   * and switched in. Existing indexes make it a no-op.
   */
  buildReaderIndexes(): void {
    const missing = this.runners
      .map(({ projection }) => projection.readerIndexes)
      .filter((sql): sql is string => sql !== undefined && !this.allExist(sql));
    if (missing.length === 0) return;
    const cache = this.db.pragma('cache_size', { simple: true }) as number;
    const threads = this.db.pragma('threads', { simple: true }) as number;
    const temp = this.db.pragma('temp_store', { simple: true }) as number;
    this.db.pragma(`cache_size = -${INDEX_BUILD_CACHE_KIB}`);
    this.db.pragma(`threads = ${this.indexBuildThreads}`);
    this.db.pragma('temp_store = DEFAULT');
    try {
      for (const sql of missing) {
        this.db.exec(sql);
        // During a catch-up the worker copies each projection's index pages beside the next.
        this.checkpointer?.nudge();
      }
    } finally {
      this.db.pragma(`cache_size = ${cache}`);
      this.db.pragma(`threads = ${threads}`);
      this.db.pragma(`temp_store = ${temp}`);
    }
  }

  /**
   * Whether every index `sql` creates exists: false if it names none, or if a statement creates
   * one whose name it cannot read (the SQL is then run, as it is idempotent).
   */
  private allExist(sql: string): boolean {
    const names = Array.from(sql.matchAll(CREATED_INDEX), (match) => match[1]);
    if (names.length === 0 || names.length < (sql.match(ANY_CREATE_INDEX) ?? []).length) {
      return false;
    }
    const existing = this.db
      .prepare<string[], number>(
        `SELECT COUNT(*) FROM sqlite_master WHERE type = 'index'
         AND name IN (${names.map(() => '?').join(', ')})`,
      )
      .pluck()
      .get(...names);
    return existing === names.length;
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
        if (error) return reject(error);
        try {
          this.buildReaderIndexes();
          resolve();
        } catch (indexError) {
          reject(indexError instanceof Error ? indexError : new Error(String(indexError)));
        }
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
    this.buildReaderIndexes();
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
