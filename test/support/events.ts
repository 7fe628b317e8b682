import { randomUUID } from 'node:crypto';
import type {
  EventStore,
  EventToAppend,
  RecordedEvent,
  Subscription,
  SubscriptionMessage,
} from '../../src/event-store/event-store.port';

/** A unique prefix so tests can share one store (a real KurrentDB) without seeing each other. */
export function uniqueNamespace(label = 't'): string {
  return `${label}${randomUUID().slice(0, 8)}`;
}

export function anEvent(type = 'SomethingHappened', data: unknown = { n: 1 }): EventToAppend {
  return { id: randomUUID(), type, data, metadata: { actor: 'test', schemaVersion: '1' } };
}

export function events(count: number, type = 'SomethingHappened'): EventToAppend[] {
  return Array.from({ length: count }, (_, n) => anEvent(type, { n }));
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

export async function readStream(store: EventStore, stream: string): Promise<RecordedEvent[]> {
  return collect(store.readStream(stream));
}

/** Pulls messages from a subscription until `until` says stop, or fails after `timeoutMs`. */
export async function take(
  subscription: Subscription,
  until: (received: SubscriptionMessage[]) => boolean,
  timeoutMs = 10_000,
): Promise<SubscriptionMessage[]> {
  const received: SubscriptionMessage[] = [];
  const iterator = iteratorOf(subscription);
  while (!until(received)) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Subscription timed out after ${received.length} messages`)),
        timeoutMs,
      );
    });
    const next = await Promise.race([iterator.next(), timeout]).finally(() => clearTimeout(timer));
    if (next.done) break;
    received.push(next.value);
  }
  return received;
}

const iterators = new WeakMap<Subscription, AsyncIterator<SubscriptionMessage>>();

/** One iterator per subscription, so successive `take` calls continue where the last stopped. */
export function iteratorOf(subscription: Subscription): AsyncIterator<SubscriptionMessage> {
  let iterator = iterators.get(subscription);
  if (!iterator) {
    iterator = subscription[Symbol.asyncIterator]();
    iterators.set(subscription, iterator);
  }
  return iterator;
}

export const eventsOf = (messages: SubscriptionMessage[]): RecordedEvent[] =>
  messages.flatMap((m) => (m.kind === 'event' ? [m.event] : []));
