import { InvalidAppendError, StoreFeatureUnsupportedError, StoreUnavailableError } from '../errors';
import type { EventStore } from '../event-store.port';
import { startKurrentDbDouble, type KurrentDbDouble } from '../../../test/support/kurrentdb-double';
import {
  anEvent,
  collect,
  events,
  eventsOf,
  readStream,
  take,
  uniqueNamespace,
} from '../../../test/support/events';
import { KurrentDbEventStore } from './kurrentdb-event-store';

/**
 * What is specific to KurrentDB, run over the in-process gRPC protocol double (never a real
 * server: these tests stop and restart it). The shared contract lives in test/contract/.
 */
describe('KurrentDbEventStore over the in-process KurrentDB protocol double', () => {
  const opened: Array<{ store: EventStore; double: KurrentDbDouble }> = [];

  async function open(options?: Parameters<typeof startKurrentDbDouble>[0]) {
    const double = await startKurrentDbDouble(options);
    const store = KurrentDbEventStore.connect(double.connectionString, {
      resubscribeInitialDelayMs: 20,
      resubscribeMaxDelayMs: 200,
    });
    opened.push({ store, double });
    return { store, double };
  }

  /**
   * The first call after the double restarts: the client's channel comes back on its own backoff,
   * so it may still answer "unavailable" for a moment; a caller (like the API's clients on 503)
   * tries again. Anything else fails at once.
   */
  async function onceBack<T>(call: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await call();
      } catch (error) {
        if (!(error instanceof StoreUnavailableError) || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  afterEach(async () => {
    for (const { store, double } of opened.splice(0)) {
      await store.close();
      await double.dispose();
    }
  });

  it('drops the $schema metadata keys multi-stream append adds, on reads and subscriptions', async () => {
    const { store } = await open();
    const ns = uniqueNamespace();
    const metadata = { actor: 'seed', reason: 'Wien → Zürich', $correlationId: 'c-1' };
    await store.appendMulti([
      { stream: `${ns}-a`, expected: 'no_stream', events: [{ ...anEvent('A'), metadata }] },
      { stream: `${ns}-b`, expected: 'no_stream', events: [{ ...anEvent('B'), metadata: {} }] },
    ]);

    const [a] = await readStream(store, `${ns}-a`);
    const [b] = await readStream(store, `${ns}-b`);
    expect(a.metadata).toEqual(metadata);
    expect(b.metadata).toEqual({});
    const all = await collect(store.readAll({ filter: { streamPrefixes: [ns] } }));
    expect(all.map((e) => e.metadata)).toEqual([metadata, {}]);

    const subscription = store.subscribe({ filter: { streamPrefixes: [ns] } });
    try {
      const received = eventsOf(await take(subscription, (m) => eventsOf(m).length >= 2));
      expect(received.map((e) => e.metadata)).toEqual([metadata, {}]);
    } finally {
      await subscription.close();
    }
  });

  it('refuses metadata keys it would have to drop on read', async () => {
    const { store } = await open();
    const event = { ...anEvent(), metadata: { '$schema.name': 'mine' } };
    await expect(store.append(`${uniqueNamespace()}-r`, [event], 'any')).rejects.toBeInstanceOf(
      InvalidAppendError,
    );
  });

  it('reads backwards from the end, from a revision, and a missing stream as empty', async () => {
    const { store } = await open();
    const stream = `${uniqueNamespace()}-s`;
    await store.append(stream, events(4), 'no_stream');
    const revisions = async (options: Parameters<EventStore['readStream']>[1], name = stream) =>
      (await collect(store.readStream(name, options))).map((e) => e.revision);

    expect(await revisions({ direction: 'backwards' })).toEqual([3n, 2n, 1n, 0n]);
    expect(await revisions({ direction: 'backwards', maxCount: 1 })).toEqual([3n]);
    expect(await revisions({ direction: 'backwards', fromRevision: 2n })).toEqual([2n, 1n, 0n]);
    expect(await revisions({ direction: 'backwards' }, `${stream}-missing`)).toEqual([]);
  });

  it('keeps recordedAt to whole seconds on reads, as the server sends it', async () => {
    const { store } = await open();
    const stream = `${uniqueNamespace()}-t`;
    await store.append(stream, events(1), 'no_stream');
    const [read] = await readStream(store, stream);
    expect(read.recordedAt.getUTCMilliseconds()).toBe(0);
    expect(Math.abs(read.recordedAt.getTime() - Date.now())).toBeLessThan(5000);
  });

  it('never shows system events in readAll, subscriptions or headPosition', async () => {
    const { store, double } = await open();
    expect(await store.headPosition()).toBeUndefined();
    expect(await collect(store.readAll())).toEqual([]);
    expect(await collect(store.readAll({ filter: { streamPrefixes: ['$'] } }))).toEqual([]);

    const subscription = store.subscribe();
    try {
      expect(await take(subscription, (m) => m.length >= 1)).toEqual([
        { kind: 'caught-up', position: undefined },
      ]);
      const ns = uniqueNamespace();
      const result = await store.append(`${ns}-x`, events(2), 'no_stream');
      const live = eventsOf(await take(subscription, (m) => m.length >= 2));
      expect(live.map((e) => e.stream)).toEqual([`${ns}-x`, `${ns}-x`]);
      expect(await store.headPosition()).toBe(result.position);
      expect((await collect(store.readAll())).every((e) => !e.stream.startsWith('$'))).toBe(true);
      expect(double.eventCount()).toBe(2);
    } finally {
      await subscription.close();
    }
  });

  it('throws StoreUnavailableError on appends and reads while the server is down, then recovers', async () => {
    const { store, double } = await open();
    const stream = `${uniqueNamespace()}-u`;
    await store.append(stream, events(1), 'no_stream');

    await double.stop();
    await expect(store.append(stream, events(1), 0n)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(
      store.appendMulti([{ stream, expected: 0n, events: events(1) }]),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(readStream(store, stream)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(collect(store.readAll())).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.headPosition()).rejects.toBeInstanceOf(StoreUnavailableError);
    const error = await store.append(stream, events(1), 0n).catch((e: unknown) => e);
    expect((error as Error).message).toContain(`127.0.0.1:${double.port}`);

    await double.start();
    const appended = events(1);
    await expect(onceBack(() => store.append(stream, appended, 0n))).resolves.toMatchObject({
      nextExpectedRevision: 1n,
    });
    expect(await readStream(store, stream)).toHaveLength(2);
  });

  it('reads again once the server is back, even if it was down from the start', async () => {
    const { store, double } = await open();
    const stream = `${uniqueNamespace()}-d`;
    await double.stop();
    // The client's native read bridge never reconnects if its first connection failed.
    await expect(readStream(store, stream)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(collect(store.readAll())).rejects.toBeInstanceOf(StoreUnavailableError);

    await double.start();
    const appended = events(1);
    await onceBack(() => store.append(stream, appended, 'no_stream'));
    expect(await readStream(store, stream)).toHaveLength(1);
    expect(await collect(store.readAll())).toHaveLength(1);
  });

  it('resubscribes after an outage from the last event, missing and repeating nothing', async () => {
    const { store, double } = await open();
    const ns = uniqueNamespace();
    await store.append(`${ns}-a`, events(2), 'no_stream');
    const subscription = store.subscribe({ filter: { streamPrefixes: [ns] } });
    try {
      const first = await take(subscription, (m) => m.some((x) => x.kind === 'caught-up'));
      await store.append(`${ns}-a`, events(1), 1n);
      const live = await take(subscription, (m) => m.length >= 1);
      expect(double.activeSubscriptions()).toBe(1);

      await double.stop();
      await new Promise((resolve) => setTimeout(resolve, 150));
      await double.start();
      const appended = events(2);
      await onceBack(() => store.append(`${ns}-b`, appended, 'no_stream'));
      await store.append(`${ns}-a`, events(1), 2n);
      const after = await take(subscription, (m) => m.length >= 3);

      const delivered = eventsOf([...first, ...live, ...after]);
      const stored = await collect(store.readAll({ filter: { streamPrefixes: [ns] } }));
      expect(delivered.map((e) => e.id)).toEqual(stored.map((e) => e.id));
      expect(new Set(delivered.map((e) => e.position)).size).toBe(6);
      expect([...live, ...after].some((m) => m.kind === 'caught-up')).toBe(false);
      expect(double.activeSubscriptions()).toBe(1);
    } finally {
      await subscription.close();
    }
  });

  it('names the KurrentDB version multi-stream append needs when the server lacks it', async () => {
    const { store, double } = await open({ advertiseMultiStreamAppend: false });
    const stream = `${uniqueNamespace()}-m`;
    const error = await store
      .appendMulti([{ stream, expected: 'no_stream', events: events(1) }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreFeatureUnsupportedError);
    expect((error as Error).message).toBe(
      `multi-stream append needs KurrentDB 25.1 or later; the server at 127.0.0.1:${double.port} does not support it`,
    );
    expect(await readStream(store, stream)).toEqual([]);
    await expect(store.append(stream, events(1), 'no_stream')).resolves.toMatchObject({
      nextExpectedRevision: 0n,
    });
  });

  it('closes its subscriptions before disposing the client', async () => {
    const { store, double } = await open();
    const subscription = store.subscribe();
    await take(subscription, (m) => m.some((x) => x.kind === 'caught-up'));
    expect(double.activeSubscriptions()).toBe(1);
    const drained = collect(subscription);

    await store.close();
    expect(await drained).toEqual([]);
    for (let i = 0; i < 100 && double.activeSubscriptions() > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(double.activeSubscriptions()).toBe(0);
    expect(() => store.subscribe()).toThrow(/closed/);
  });
});
