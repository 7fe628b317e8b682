import type { RecordedEvent, Subscription, SubscriptionMessage } from '../event-store.port';
import type { CommitSignal } from './commit-signal';

export type PageReader = (after: bigint | undefined, limit: number) => RecordedEvent[];

const PAGE_SIZE = 256;

/**
 * Catch-up then live: reads pages after the last delivered position; when a page comes back
 * short it has caught up, says so once, and waits for a commit signal or the poll interval.
 */
export class PollingSubscription implements Subscription {
  private closed = false;
  private readonly closing = new AbortController();

  constructor(
    private readonly readPage: PageReader,
    private readonly commits: CommitSignal,
    private readonly pollIntervalMs: number,
    private after: bigint | undefined,
    private readonly onClose: (subscription: PollingSubscription) => void,
  ) {}

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closing.abort();
    this.onClose(this);
  }

  private iterator?: AsyncGenerator<SubscriptionMessage>;

  /** A subscription is consumed once: every call returns the same iterator. */
  [Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
    this.iterator ??= this.deliver();
    return this.iterator;
  }

  private async *deliver(): AsyncGenerator<SubscriptionMessage> {
    let caughtUp = false;
    try {
      while (!this.closed) {
        const page = this.readPage(this.after, PAGE_SIZE);
        for (const event of page) {
          if (this.closed) return;
          this.after = event.position;
          yield { kind: 'event', event };
        }
        if (page.length === PAGE_SIZE || this.closed) continue;
        if (!caughtUp) {
          caughtUp = true;
          yield { kind: 'caught-up', position: this.after };
          continue;
        }
        await this.commits.wait(this.pollIntervalMs, this.closing.signal);
      }
    } finally {
      await this.close();
    }
  }
}
