import type Database from 'better-sqlite3';

interface Waiting<Request, Result> {
  readonly request: Request;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome<Result> = { ok: true; result: Result } | { ok: false; error: unknown };

/** Groups of one in a row after which the appends look sequential (see `schedule`). */
const LONE_AFTER = 4;
/** While they do, every this many flushes still waits for the event loop, to notice company. */
const PROBE_EVERY = 16;

/**
 * Group commit. With synchronous=FULL every transaction costs an fsync, and better-sqlite3 runs
 * each one to its end inside the call, so N callers appending at once used to cost N fsyncs in a
 * row. Here a request waits in a queue until the flush (see `schedule` for when), then everything
 * queued by then is written in one BEGIN IMMEDIATE transaction, each request in its own SAVEPOINT:
 *
 * - a request that fails (a wrong expected state, ...) rolls back to its savepoint and is rejected
 *   alone; the requests before and after it in the group are unaffected;
 * - every caller is answered only after COMMIT returned (acknowledged = durable), in queue order,
 *   which is also the order of their positions;
 * - if the transaction as a whole fails (BEGIN or COMMIT, or an error that made SQLite end the
 *   transaction), nothing of the group is stored and every caller gets that error.
 *
 * A group of one runs without the savepoint: a lone caller's transaction is exactly what it was
 * before group commit.
 */
export class GroupCommit<Request, Result> {
  private queue: Waiting<Request, Result>[] = [];
  private scheduled = false;
  private committed = 0;
  /** Groups of one in a row, and flushes since the last one that waited for the event loop. */
  private lone = 0;
  private sinceProbe = 0;
  /** At the top level a transaction of its own; inside `group`, a savepoint (better-sqlite3 nests). */
  private readonly one: Database.Transaction<(request: Request) => Result>;
  private readonly group: Database.Transaction<
    (waiting: readonly Waiting<Request, Result>[]) => Outcome<Result>[]
  >;

  constructor(
    private readonly db: Database.Database,
    apply: (request: Request) => Result,
    /** Runs after each successful COMMIT, before the callers are answered. */
    private readonly afterCommit: () => void,
  ) {
    this.one = db.transaction(apply);
    this.group = db.transaction((waiting: readonly Waiting<Request, Result>[]) =>
      waiting.map((w): Outcome<Result> => {
        try {
          return { ok: true, result: this.one(w.request) };
        } catch (error) {
          // SQLite ends the whole transaction on some errors (I/O, full disk): then no request of
          // the group can be kept, and going on would run the next ones outside any transaction.
          if (!this.db.inTransaction) throw error;
          return { ok: false, error };
        }
      }),
    );
  }

  /** Queues a request for the next group; resolves once its group has committed. */
  submit(request: Request): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (!this.scheduled) this.schedule();
    });
  }

  /**
   * When the next flush runs. Waiting for the event loop (`setImmediate`) lets every request that
   * the loop's I/O phase brings in join the group: concurrent HTTP commands each reach their append
   * from a callback of their own. But a caller appending one event after another would pay that
   * turn of the loop on every append. So once the last groups were all of one, the flush runs as
   * soon as the current promise jobs are done (`queueMicrotask`), which still gathers callers
   * resumed together (each awaiting its own previous append); every PROBE_EVERY-th flush waits
   * for the loop again, and a group of more than one returns to waiting for it.
   */
  private schedule(): void {
    this.scheduled = true;
    if (this.lone >= LONE_AFTER && ++this.sinceProbe < PROBE_EVERY) {
      queueMicrotask(() => this.flush());
    } else {
      this.sinceProbe = 0;
      setImmediate(() => this.flush());
    }
  }

  /** Write transactions committed so far (fewer than requests when groups formed). */
  get transactions(): number {
    return this.committed;
  }

  /** Writes whatever is queued now, synchronously (also what the scheduled flush does). */
  flush(): void {
    this.scheduled = false;
    const waiting = this.queue;
    if (waiting.length === 0) return;
    this.queue = [];
    this.lone = waiting.length === 1 ? this.lone + 1 : 0;
    let outcomes: Outcome<Result>[];
    try {
      outcomes =
        waiting.length === 1
          ? [{ ok: true, result: this.one.immediate(waiting[0].request) }]
          : this.group.immediate(waiting);
    } catch (error) {
      for (const w of waiting) w.reject(error);
      return;
    }
    this.committed++;
    this.afterCommit();
    outcomes.forEach((outcome, i) => {
      if (outcome.ok) waiting[i].resolve(outcome.result);
      else waiting[i].reject(outcome.error);
    });
  }
}
