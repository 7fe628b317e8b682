import type Database from 'better-sqlite3';
import type { EventStore, RecordedEvent, Subscription } from '../event-store/event-store.port';
import type { Projection } from './projection';
import type { Checkpoints } from './read-model-database';

const MAX_BATCH = 500;
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

/**
 * Feeds one projection: subscribes after its checkpoint and applies events in batches, each batch
 * and the new checkpoint in one SQLite transaction, so a crash never applies an event twice or
 * skips one. A batch closes when it is full, on caught-up, or when no event is immediately waiting.
 * The transaction re-reads the stored checkpoint, so two processes sharing the read-model file
 * never apply the same event twice. A batch that fails is retried from the checkpoint with
 * backoff; the failure shows in /health until a batch succeeds.
 */
export class ProjectionRunner {
  private subscription?: Subscription;
  private batch: RecordedEvent[] = [];
  private flushScheduled = false;
  private position: bigint | undefined;
  private caughtUp = false;
  private readonly listeners = new Set<() => void>();
  private readonly commitBatch: (events: RecordedEvent[]) => void;
  private done?: Promise<void>;
  private stopped = true;
  private retryTimer?: NodeJS.Timeout;
  private retryDelayMs = FIRST_RETRY_MS;
  failure?: Error;
  /** Consecutive failed attempts since the last batch that went through. */
  failedAttempts = 0;

  constructor(
    readonly projection: Projection,
    private readonly store: EventStore,
    db: Database.Database,
    private readonly checkpoints: Checkpoints,
  ) {
    projection.setup(db);
    this.position = checkpoints.get(projection.name);
    const transaction = db.transaction((events: RecordedEvent[]): bigint => {
      const stored = checkpoints.get(projection.name);
      const fresh = stored === undefined ? events : events.filter((e) => e.position > stored);
      for (const event of fresh) projection.apply(db, event);
      const last = events[events.length - 1].position;
      const reached = stored !== undefined && stored > last ? stored : last;
      checkpoints.set(projection.name, reached);
      return reached;
    });
    this.commitBatch = (events) => {
      this.position = transaction.immediate(events);
    };
  }

  /** Last position applied, or undefined before the first event. */
  get checkpoint(): bigint | undefined {
    return this.position;
  }

  get isCaughtUp(): boolean {
    return this.caughtUp;
  }

  start(): void {
    this.stopped = false;
    this.subscription = this.store.subscribe({ after: this.position });
    this.done = this.consume(this.subscription).catch((error: unknown) => this.fail(error));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.subscription?.close();
    await this.done;
    if (!this.failure) this.flush();
  }

  /** Called whenever the checkpoint moves. */
  onProgress(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async consume(subscription: Subscription): Promise<void> {
    for await (const message of subscription) {
      if (subscription !== this.subscription) return;
      if (message.kind === 'caught-up') {
        this.flush();
        this.caughtUp = true;
        this.notify();
        continue;
      }
      this.batch.push(message.event);
      if (this.batch.length >= MAX_BATCH) {
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
      try {
        this.flush();
      } catch (error) {
        this.fail(error);
      }
    });
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    const events = this.batch;
    this.batch = [];
    this.commitBatch(events);
    this.failure = undefined;
    this.failedAttempts = 0;
    this.retryDelayMs = FIRST_RETRY_MS;
    this.notify();
  }

  /**
   * A batch that cannot be applied (or a subscription that broke) leaves the checkpoint before it;
   * the runner starts again from there after a growing delay.
   */
  private fail(error: unknown): void {
    this.failure = error instanceof Error ? error : new Error(String(error));
    this.failedAttempts += 1;
    this.batch = [];
    const broken = this.subscription;
    this.subscription = undefined;
    void broken?.close();
    this.notify();
    if (this.stopped || this.retryTimer) return;
    const delay = this.retryDelayMs;
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, MAX_RETRY_MS);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.stopped) this.start();
    }, delay);
    this.retryTimer.unref();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
