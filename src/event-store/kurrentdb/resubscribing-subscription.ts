import {
  AccessDeniedError,
  InvalidArgumentError,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
} from '@kurrent/kurrentdb-client';
import type { RecordedEvent, Subscription, SubscriptionMessage } from '../event-store.port';
import { AsyncQueue } from './async-queue';
import { toRecordedEvent } from './map-recorded-event';

/** The part of the client's `$all` subscription this class uses (a Readable with extra events). */
export type SubscriptionSource = Pick<
  AllStreamSubscription,
  'on' | 'pause' | 'resume' | 'readableLength' | 'unsubscribe'
>;

/** Opens a client subscription delivering events after `after` (exclusive; undefined: start). */
export type OpenSource = (after: bigint | undefined) => SubscriptionSource;

export interface ResubscribeSettings {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Queued messages above which the server stream is paused until the consumer drains half. */
  readonly highWaterMark: number;
}

/** Errors that another attempt cannot fix; they end the iteration instead of resubscribing. */
const isFatal = (error: unknown): boolean =>
  error instanceof AccessDeniedError || error instanceof InvalidArgumentError;

/**
 * A port subscription over client `$all` subscriptions. When one drops (server down, stream
 * cancelled), it opens another after the last position seen, waiting `initialDelayMs` doubling up
 * to `maxDelayMs`; positions at or before the last one seen are skipped, so nothing is delivered
 * twice or missed. Caught-up is signalled once, after the events the server sent before it.
 */
export class ResubscribingSubscription implements Subscription {
  private readonly queue = new AsyncQueue<SubscriptionMessage>(() => this.resumeIfDrained());
  private current: SubscriptionSource | undefined;
  /** Last position seen, skipped events included: where a new subscription resumes. */
  private position: bigint | undefined;
  /** Last position delivered (or the start): what caught-up reports. */
  private delivered: bigint | undefined;
  private delayMs: number;
  private retryTimer: NodeJS.Timeout | undefined;
  private caughtUpSent = false;
  private paused = false;
  private closed = false;

  constructor(
    private readonly open: OpenSource,
    after: bigint | undefined,
    private readonly accept: (event: RecordedEvent) => boolean,
    private readonly settings: ResubscribeSettings,
    private readonly onFinished: (subscription: ResubscribingSubscription) => void = () =>
      undefined,
  ) {
    this.position = after;
    this.delivered = after;
    this.delayMs = settings.initialDelayMs;
    this.connect();
  }

  /** Whether it still holds (or is about to reopen) a server subscription. */
  get isOpen(): boolean {
    return !this.closed;
  }

  [Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
    return {
      next: () => this.queue.next(),
      return: async () => {
        await this.close();
        return { value: undefined, done: true };
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.queue.end();
    const current = this.current;
    this.current = undefined;
    if (current) await current.unsubscribe().catch(() => undefined);
    this.onFinished(this);
  }

  private connect(): void {
    if (this.closed) return;
    let source: SubscriptionSource;
    try {
      source = this.open(this.position);
    } catch (error) {
      this.dropped(undefined, error);
      return;
    }
    this.current = source;
    this.paused = false;
    let owedBeforeCaughtUp: number | undefined;
    source.on('data', (resolved: AllStreamResolvedEvent) => {
      if (source !== this.current) return;
      this.receive(resolved);
      if (owedBeforeCaughtUp !== undefined && --owedBeforeCaughtUp === 0) this.signalCaughtUp();
    });
    source.on('caughtUp', () => {
      if (source !== this.current || this.caughtUpSent || owedBeforeCaughtUp !== undefined) return;
      // Events pushed before the caught-up message may still sit in the stream's buffer.
      const pending = source.readableLength;
      if (pending === 0) this.signalCaughtUp();
      else owedBeforeCaughtUp = pending;
    });
    source.on('confirmation', () => {
      if (source === this.current) this.delayMs = this.settings.initialDelayMs;
    });
    source.on('error', (error: Error) => this.dropped(source, error));
    source.on('end', () => this.dropped(source, new Error('The server ended the subscription')));
    source.on('close', () => this.dropped(source, new Error('The subscription stream closed')));
  }

  private receive(resolved: AllStreamResolvedEvent): void {
    const event = toRecordedEvent(resolved);
    if (!event) return;
    if (this.position !== undefined && event.position <= this.position) return;
    this.position = event.position;
    this.delayMs = this.settings.initialDelayMs;
    if (!this.accept(event)) return;
    this.delivered = event.position;
    this.queue.push({ kind: 'event', event });
    if (this.current && !this.paused && this.queue.length >= this.settings.highWaterMark) {
      this.paused = true;
      this.current.pause();
    }
  }

  private signalCaughtUp(): void {
    if (this.caughtUpSent) return;
    this.caughtUpSent = true;
    this.queue.push({ kind: 'caught-up', position: this.delivered });
  }

  private resumeIfDrained(): void {
    if (!this.paused || !this.current) return;
    if (this.queue.length > this.settings.highWaterMark / 2) return;
    this.paused = false;
    this.current.resume();
  }

  private dropped(source: SubscriptionSource | undefined, error: unknown): void {
    if (this.closed || source !== this.current) return;
    this.current = undefined;
    source?.unsubscribe().catch(() => undefined);
    if (isFatal(error)) {
      this.closed = true;
      this.queue.fail(error);
      this.onFinished(this);
      return;
    }
    const delay = this.delayMs;
    this.delayMs = Math.min(delay * 2, this.settings.maxDelayMs);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.connect();
    }, delay);
  }
}
