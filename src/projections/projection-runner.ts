import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../event-store/event-store.port';
import type { Projection } from './projection';
import type { Checkpoints } from './read-model-database';

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

/**
 * One projection inside a `ProjectionEngine`: its checkpoint, whether it has caught up, and its
 * failure and retry state. The engine reads the log once and hands every batch to each runner that
 * is not waiting for a retry; the runner applies the events after its stored checkpoint and moves
 * that checkpoint, inside the engine's transaction and a savepoint of its own, so that its failure
 * rolls back only its own rows.
 */
export class ProjectionRunner {
  private position: bigint | undefined;
  private caughtUp = false;
  private readonly listeners = new Set<() => void>();
  private readonly applyWithinSavepoint: (events: readonly RecordedEvent[]) => void;
  private retryTimer?: NodeJS.Timeout;
  private retryDelayMs = FIRST_RETRY_MS;
  failure?: Error;
  /** Consecutive failed attempts since the last batch that went through. */
  failedAttempts = 0;

  constructor(
    readonly projection: Projection,
    private readonly db: Database.Database,
    private readonly checkpoints: Checkpoints,
  ) {
    projection.setup(db);
    this.position = checkpoints.get(projection.name);
    // Called inside the engine's transaction, this runs as a SAVEPOINT (better-sqlite3 nests).
    this.applyWithinSavepoint = db.transaction((events: readonly RecordedEvent[]) => {
      for (const event of events) projection.apply(db, event);
      projection.finishBatch?.(db);
    });
  }

  /** Last position applied, or undefined before the first event. */
  get checkpoint(): bigint | undefined {
    return this.position;
  }

  get isCaughtUp(): boolean {
    return this.caughtUp;
  }

  /** False while the runner waits to retry after a failure: the engine leaves it out of batches. */
  get active(): boolean {
    return this.retryTimer === undefined;
  }

  /** Called whenever the checkpoint moves or the runner fails. */
  onProgress(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Applies the events of a batch this projection has not applied yet and stores its new
   * checkpoint. Runs inside the engine's IMMEDIATE transaction and re-reads the stored checkpoint
   * there, so that two processes sharing the file never apply an event twice. Returns the position
   * reached; throws (its savepoint rolled back) if the projection failed.
   */
  applyBatch(events: readonly RecordedEvent[]): bigint {
    const stored = this.checkpoints.get(this.projection.name);
    // The rows are not what this process last wrote (another process moved the checkpoint, or a
    // batch of ours was rolled back): what the projection remembers of them is stale.
    if (stored !== this.position) this.projection.forget?.();
    const last = events[events.length - 1].position;
    if (stored !== undefined && stored >= last) return stored;
    // Usually the whole batch is new to it: no copy of the batch per projection.
    const fresh =
      stored === undefined || events[0].position > stored
        ? events
        : events.filter((e) => e.position > stored);
    try {
      this.applyWithinSavepoint(fresh);
    } catch (error) {
      this.projection.forget?.();
      throw error;
    }
    this.checkpoints.set(this.projection.name, last);
    return last;
  }

  /** After the engine's transaction committed: the checkpoint moved to `reached`. */
  committed(reached: bigint): void {
    const moved = reached !== this.position;
    this.position = reached;
    const recovered = this.failure !== undefined;
    this.failure = undefined;
    this.failedAttempts = 0;
    this.retryDelayMs = FIRST_RETRY_MS;
    if (moved || recovered) this.notify();
  }

  /** The engine's transaction rolled back: whatever the projection remembered of it is gone. */
  rolledBack(): void {
    this.projection.forget?.();
  }

  /** The subscription reached the head of the log (for the first time, as far as /health cares). */
  reachedHead(): void {
    if (this.caughtUp) return;
    this.caughtUp = true;
    this.notify();
  }

  /**
   * The batch failed for this projection (or the log could not be read): its checkpoint stays
   * where it was, and after a growing delay `retry` is called, for the engine to read the log again
   * from this checkpoint (no retry without `retry`: the engine has stopped). Meanwhile the failure
   * shows in /health.
   */
  fail(error: unknown, retry: (() => void) | undefined): void {
    this.failure = error instanceof Error ? error : new Error(String(error));
    this.failedAttempts += 1;
    this.notify();
    if (this.retryTimer || !retry) return;
    const delay = this.retryDelayMs;
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, MAX_RETRY_MS);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      retry();
    }, delay);
    this.retryTimer.unref();
  }

  /** No retry after `stop`. */
  cancelRetry(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
