import type Database from 'better-sqlite3';
import type { EventStore, RecordedEvent, Subscription } from '../event-store/event-store.port';
import type { Projection } from './projection';
import type { Checkpoints } from './read-model-database';

const MAX_BATCH = 500;

/**
 * Feeds one projection: subscribes after its checkpoint and applies events in batches, each batch
 * and the new checkpoint in one SQLite transaction, so a crash never applies an event twice or
 * skips one. A batch closes when it is full, on caught-up, or when no event is immediately waiting.
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
  failure?: Error;

  constructor(
    readonly projection: Projection,
    private readonly store: EventStore,
    db: Database.Database,
    private readonly checkpoints: Checkpoints,
  ) {
    projection.setup(db);
    this.position = checkpoints.get(projection.name);
    this.commitBatch = db.transaction((events: RecordedEvent[]) => {
      for (const event of events) projection.apply(db, event);
      checkpoints.set(projection.name, events[events.length - 1].position);
    });
  }

  /** Last position applied, or undefined before the first event. */
  get checkpoint(): bigint | undefined {
    return this.position;
  }

  get isCaughtUp(): boolean {
    return this.caughtUp;
  }

  start(): void {
    this.subscription = this.store.subscribe({ after: this.position });
    this.done = this.consume(this.subscription).catch((error: unknown) => this.fail(error));
  }

  async stop(): Promise<void> {
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
    this.position = events[events.length - 1].position;
    this.notify();
  }

  /** A batch that cannot be applied stops this projection (its checkpoint stays before it). */
  private fail(error: unknown): void {
    this.failure = error instanceof Error ? error : new Error(String(error));
    this.batch = [];
    void this.subscription?.close();
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
