import { AccessDeniedError, type AllStreamResolvedEvent } from '@kurrent/kurrentdb-client';
import { PassThrough } from 'node:stream';
import type { SubscriptionMessage } from '../event-store.port';
import {
  ResubscribingSubscription,
  type ResubscribeSettings,
  type SubscriptionSource,
} from './resubscribing-subscription';

/** Stands in for the client's `$all` subscription: an object-mode stream plus its extra events. */
class FakeSource extends PassThrough {
  unsubscribed = false;
  constructor(readonly after: bigint | undefined) {
    super({ objectMode: true });
  }
  async unsubscribe(): Promise<void> {
    this.unsubscribed = true;
    this.destroy();
  }
  deliver(...positions: number[]): void {
    for (const p of positions) this.write(resolved(BigInt(p)));
  }
}

function resolved(position: bigint, stream = 's'): AllStreamResolvedEvent {
  return {
    event: {
      streamId: stream,
      id: `id-${position}`,
      revision: position,
      type: 'Happened',
      data: { position: Number(position) },
      metadata: undefined,
      isJson: true,
      created: new Date(0),
      position: { commit: position, prepare: position },
    },
    commitPosition: position,
  };
}

const settings: ResubscribeSettings = { initialDelayMs: 5, maxDelayMs: 40, highWaterMark: 100 };

function harness(options: Partial<ResubscribeSettings> = {}, accept = () => true) {
  const sources: FakeSource[] = [];
  const open = (after: bigint | undefined): SubscriptionSource => {
    const source = new FakeSource(after);
    sources.push(source);
    return source;
  };
  const finished: ResubscribingSubscription[] = [];
  const subscription = new ResubscribingSubscription(
    open,
    undefined,
    accept,
    { ...settings, ...options },
    (s) => finished.push(s),
  );
  return { subscription, sources, finished, iterator: subscription[Symbol.asyncIterator]() };
}

async function next(
  iterator: AsyncIterator<SubscriptionMessage>,
  count: number,
): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const result = await iterator.next();
    if (result.done) break;
    const m = result.value;
    out.push(m.kind === 'event' ? `e${m.event.position}` : `caught-up@${m.position}`);
  }
  return out;
}

const waitUntil = async (condition: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!condition()) throw new Error('condition not met');
};

describe('ResubscribingSubscription', () => {
  it('signals caught-up once, after events still buffered when the server said so', async () => {
    const { subscription, sources, iterator } = harness();
    const source = sources[0];
    source.pause();
    source.deliver(1, 2);
    source.emit('caughtUp', {});
    source.resume();
    source.deliver(3);
    source.emit('caughtUp', {});
    expect(await next(iterator, 4)).toEqual(['e1', 'e2', 'caught-up@2', 'e3']);
    await subscription.close();
  });

  it('resubscribes after the last position seen, skipping what was already delivered', async () => {
    const { subscription, sources, iterator } = harness();
    sources[0].deliver(1, 2);
    expect(await next(iterator, 2)).toEqual(['e1', 'e2']);

    sources[0].emit('error', new Error('14 UNAVAILABLE'));
    await waitUntil(() => sources.length === 2);
    expect(sources[0].unsubscribed).toBe(true);
    expect(sources[1].after).toBe(2n);
    sources[1].deliver(2, 3);
    sources[1].emit('caughtUp', {});
    expect(await next(iterator, 2)).toEqual(['e3', 'caught-up@3']);
    await subscription.close();
  });

  it('resumes after filtered-out events too, without delivering or reporting them', async () => {
    const { subscription, sources, iterator } = harness({}, () => false);
    sources[0].deliver(1, 2);
    sources[0].end();
    await waitUntil(() => sources.length === 2);
    expect(sources[1].after).toBe(2n);
    sources[1].emit('caughtUp', {});
    expect(await next(iterator, 1)).toEqual(['caught-up@undefined']);
    await subscription.close();
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it('waits longer after each failed attempt, up to the maximum', async () => {
    jest.useFakeTimers();
    try {
      const opened: number[] = [];
      const start = Date.now();
      const subscription = new ResubscribingSubscription(
        () => {
          opened.push(Date.now() - start);
          throw new Error('connection refused');
        },
        undefined,
        () => true,
        { initialDelayMs: 10, maxDelayMs: 40, highWaterMark: 10 },
      );
      await jest.advanceTimersByTimeAsync(200);
      expect(opened.slice(0, 6)).toEqual([0, 10, 30, 70, 110, 150]);
      await subscription.close();
      const count = opened.length;
      await jest.advanceTimersByTimeAsync(200);
      expect(opened).toHaveLength(count);
    } finally {
      jest.useRealTimers();
    }
  });

  it('ends pending iteration, unsubscribes and reports itself finished when closed', async () => {
    const { subscription, sources, finished, iterator } = harness();
    const pending = iterator.next();
    await subscription.close();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(sources[0].unsubscribed).toBe(true);
    expect(finished).toEqual([subscription]);
    expect(subscription.isOpen).toBe(false);
  });

  it('closes when the consumer stops iterating', async () => {
    const { subscription, sources } = harness();
    sources[0].deliver(1, 2);
    for await (const message of subscription) {
      expect(message.kind).toBe('event');
      break;
    }
    expect(subscription.isOpen).toBe(false);
    expect(sources[0].unsubscribed).toBe(true);
  });

  it('fails the iteration on errors another attempt cannot fix', async () => {
    const { sources, finished, iterator } = harness();
    const denied = new AccessDeniedError();
    sources[0].emit('error', denied);
    await expect(iterator.next()).rejects.toBe(denied);
    expect(finished).toHaveLength(1);
    expect(sources).toHaveLength(1);
  });

  it('pauses the server stream above the high-water mark and resumes once drained', async () => {
    const { subscription, sources, iterator } = harness({ highWaterMark: 4 });
    const source = sources[0];
    source.deliver(1, 2, 3, 4, 5, 6);
    await new Promise((r) => setImmediate(r));
    expect(source.isPaused()).toBe(true);
    expect(await next(iterator, 3)).toEqual(['e1', 'e2', 'e3']);
    await waitUntil(() => !source.isPaused());
    expect(await next(iterator, 3)).toEqual(['e4', 'e5', 'e6']);
    await subscription.close();
  });
});
