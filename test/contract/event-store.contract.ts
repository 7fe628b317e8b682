import { InvalidAppendError, WrongExpectedStateError } from '../../src/event-store/errors';
import type { EventStore, ExpectedState } from '../../src/event-store/event-store.port';
import {
  anEvent,
  collect,
  events,
  eventsOf,
  readStream,
  take,
  uniqueNamespace,
} from '../support/events';

export interface ContractSubject {
  readonly store: EventStore;
  /** How many subscriptions the store still holds open, where the adapter can tell. */
  readonly activeSubscriptions: () => number;
  readonly teardown: () => Promise<void>;
}

/**
 * The behaviour every EventStore adapter must show. Tests share one store and isolate themselves
 * by unique stream-name prefixes, so the suite also runs against a long-lived real server.
 */
export function eventStoreContract(open: () => Promise<ContractSubject>): void {
  let subject: ContractSubject;
  let store: EventStore;
  let ns: string;

  beforeAll(async () => {
    subject = await open();
    store = subject.store;
  });
  afterAll(async () => subject?.teardown());
  beforeEach(() => {
    ns = uniqueNamespace();
  });

  const conflictOf = async (promise: Promise<unknown>): Promise<WrongExpectedStateError> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WrongExpectedStateError);
    return error as WrongExpectedStateError;
  };

  describe('append and read', () => {
    it('round-trips id, type, data, metadata and envelope fields, unicode included', async () => {
      const event = {
        ...anEvent('OfficeEstablished', {
          name: 'Бюро ОБСЕ в Минске — Office in Minsk 🕊',
          nested: { list: [1, 2.5, null, true], empty: {} },
        }),
        metadata: { actor: 'seed', reason: 'Zürich → Wien «PC.DEC/526»', ключ: 'значение' },
      };
      const before = Date.now();
      const result = await store.append(`${ns}-a`, [event], 'no_stream');
      const [read] = await readStream(store, `${ns}-a`);

      expect(result.nextExpectedRevision).toBe(0n);
      expect(read).toMatchObject({
        id: event.id,
        stream: `${ns}-a`,
        revision: 0n,
        position: result.position,
        type: 'OfficeEstablished',
        data: event.data,
        metadata: event.metadata,
      });
      expect(Object.keys(read.metadata).sort()).toEqual(Object.keys(event.metadata).sort());
      expect(read.recordedAt.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
      expect(read.recordedAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    });

    it('stores and returns an event of about 1 MiB intact', async () => {
      const big = 'ǅ'.repeat(500_000);
      await store.append(`${ns}-big`, [anEvent('Big', { big })], 'no_stream');
      const [read] = await readStream(store, `${ns}-big`);
      expect((read.data as { big: string }).big).toBe(big);
    });

    it('reads a stream forwards and backwards, from a revision, with a count', async () => {
      const stream = `${ns}-s`;
      await store.append(stream, events(5), 'no_stream');
      const revisions = async (options: Parameters<EventStore['readStream']>[1]) =>
        (await collect(store.readStream(stream, options))).map((e) => e.revision);

      expect(await revisions({})).toEqual([0n, 1n, 2n, 3n, 4n]);
      expect(await revisions({ fromRevision: 2n, maxCount: 2 })).toEqual([2n, 3n]);
      expect(await revisions({ direction: 'backwards' })).toEqual([4n, 3n, 2n, 1n, 0n]);
      expect(await revisions({ direction: 'backwards', fromRevision: 3n, maxCount: 2 })).toEqual([
        3n,
        2n,
      ]);
      expect(await readStream(store, `${ns}-missing`)).toEqual([]);
    });

    it("refuses metadata that is not a flat string map, or uses the store's $ keys, writing nothing", async () => {
      const bad = {
        ...anEvent(),
        metadata: { nested: { no: 'way' } } as unknown as Record<string, string>,
      };
      await expect(store.append(`${ns}-m`, [bad], 'any')).rejects.toBeInstanceOf(
        InvalidAppendError,
      );
      const reserved = { ...anEvent(), metadata: { '$schema.name': 'mine' } };
      await expect(store.append(`${ns}-m`, [reserved], 'any')).rejects.toThrow(/reserved/);
      expect(await readStream(store, `${ns}-m`)).toEqual([]);
    });
  });

  describe('expected state', () => {
    const cases: Array<[string, number, ExpectedState, boolean]> = [
      ['no_stream on a new stream', 0, 'no_stream', true],
      ['no_stream on an existing stream', 2, 'no_stream', false],
      ['stream_exists on a new stream', 0, 'stream_exists', false],
      ['stream_exists on an existing stream', 2, 'stream_exists', true],
      ['any on a new stream', 0, 'any', true],
      ['any on an existing stream', 2, 'any', true],
      ['the exact last revision', 2, 1n, true],
      ['a stale revision', 3, 1n, false],
      ['a revision on a new stream', 0, 0n, false],
    ];

    it.each(cases)('%s', async (_label, existing, expected, accepted) => {
      const stream = `${ns}-e`;
      if (existing > 0) await store.append(stream, events(existing), 'no_stream');
      const attempt = store.append(stream, [anEvent()], expected);
      if (accepted) {
        await expect(attempt).resolves.toMatchObject({ nextExpectedRevision: BigInt(existing) });
      } else {
        const conflict = await conflictOf(attempt);
        expect(conflict.stream).toBe(stream);
        expect(conflict.expected).toBe(expected);
        expect(conflict.message).toContain(stream);
      }
      expect(await readStream(store, stream)).toHaveLength(existing + (accepted ? 1 : 0));
    });

    it('names the actual revision in a conflict', async () => {
      await store.append(`${ns}-e`, events(3), 'no_stream');
      const conflict = await conflictOf(store.append(`${ns}-e`, [anEvent()], 0n));
      expect(conflict.actual).toBe(2n);
    });
  });

  describe('idempotent retry', () => {
    it.each<[string, ExpectedState]>([
      ['no_stream', 'no_stream'],
      ['an exact revision', 0n],
    ])('appending the same ids again at %s succeeds and writes nothing', async (_l, expected) => {
      const stream = `${ns}-i`;
      if (expected !== 'no_stream') await store.append(stream, events(1), 'no_stream');
      const batch = events(2);
      const first = await store.append(stream, batch, expected);
      const again = await store.append(stream, batch, expected);
      expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
      expect(await readStream(store, stream)).toHaveLength(expected === 'no_stream' ? 2 : 3);
    });
  });

  describe('concurrency', () => {
    it('lets exactly one of 20 appenders at the same revision win', async () => {
      const stream = `${ns}-c`;
      await store.append(stream, events(1), 'no_stream');
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, () => store.append(stream, [anEvent()], 0n)),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o) => o.status === 'rejected');
      expect(won).toHaveLength(1);
      for (const o of lost) expect(o.reason).toBeInstanceOf(WrongExpectedStateError);
      expect(await readStream(store, stream)).toHaveLength(2);
    });

    it('gives 20 retrying appenders one revision each, with no gaps', async () => {
      const stream = `${ns}-r`;
      const appendWithRetry = async (n: number): Promise<void> => {
        const event = anEvent('Raced', { n });
        for (;;) {
          const [last] = await collect(
            store.readStream(stream, { direction: 'backwards', maxCount: 1 }),
          );
          try {
            await store.append(stream, [event], last ? last.revision : 'no_stream');
            return;
          } catch (error) {
            if (!(error instanceof WrongExpectedStateError)) throw error;
          }
        }
      };
      await Promise.all(Array.from({ length: 20 }, (_, n) => appendWithRetry(n)));
      const stored = await readStream(store, stream);
      expect(stored.map((e) => e.revision)).toEqual(
        Array.from({ length: 20 }, (_, i) => BigInt(i)),
      );
      expect(stored.map((e) => (e.data as { n: number }).n).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 20 }, (_, i) => i),
      );
    });
  });

  describe('global order', () => {
    it('reads all streams in append order with strictly increasing positions', async () => {
      const order = ['a', 'b', 'a', 'c', 'b'];
      for (const [i, s] of order.entries()) {
        await store.append(`${ns}-${s}`, [anEvent('Step', { i })], 'any');
      }
      const all = await collect(store.readAll({ filter: { streamPrefixes: [ns] } }));
      expect(all.map((e) => e.stream)).toEqual(order.map((s) => `${ns}-${s}`));
      expect(all.map((e) => (e.data as { i: number }).i)).toEqual([0, 1, 2, 3, 4]);
      for (let i = 1; i < all.length; i++) expect(all[i].position > all[i - 1].position).toBe(true);
      expect(await store.headPosition()).toBe(all[all.length - 1].position);
    });

    it('reads all after a position, filtered by event type or stream prefix', async () => {
      await store.append(`${ns}-x-1`, [anEvent('Kept'), anEvent('Dropped')], 'no_stream');
      await store.append(`${ns}-y-1`, [anEvent('Kept')], 'no_stream');
      await store.append(`${ns}-x-2`, [anEvent('Kept')], 'no_stream');
      const mine = await collect(store.readAll({ filter: { streamPrefixes: [ns] } }));
      const after = mine[0].position;

      const fromMiddle = await collect(store.readAll({ after, filter: { streamPrefixes: [ns] } }));
      expect(fromMiddle.map((e) => e.id)).toEqual(mine.slice(1).map((e) => e.id));

      const xs = await collect(store.readAll({ filter: { streamPrefixes: [`${ns}-x`] } }));
      expect(xs.map((e) => e.stream)).toEqual([`${ns}-x-1`, `${ns}-x-1`, `${ns}-x-2`]);

      const kept = await collect(store.readAll({ after, filter: { eventTypes: ['Kept'] } }));
      const keptHere = kept.filter((e) => e.stream.startsWith(ns));
      expect(keptHere.map((e) => e.stream)).toEqual([`${ns}-y-1`, `${ns}-x-2`]);

      const limited = await collect(
        store.readAll({ maxCount: 2, filter: { streamPrefixes: [ns] } }),
      );
      expect(limited.map((e) => e.id)).toEqual(mine.slice(0, 2).map((e) => e.id));
    });
  });

  describe('read at positions', () => {
    it('reads the events at the positions asked, in that order, leaving out positions without one', async () => {
      await store.append(`${ns}-a`, [anEvent('One', { n: 1 }), anEvent('Two', { n: 2 })], 'any');
      await store.append(`${ns}-b`, [anEvent('Three', { n: 3 })], 'any');
      const mine = await collect(store.readAll({ filter: { streamPrefixes: [ns] } }));
      const [first, second, third] = mine.map((e) => e.position);
      const beyond = (await store.headPosition())! + 1_000_000n;

      const read = await store.readAt([third, first, beyond]);
      expect(read.map((e) => e.id)).toEqual([mine[2].id, mine[0].id]);
      expect(read[0]).toEqual(mine[2]);
      expect(read[1]).toEqual(mine[0]);
      expect(await store.readAt([second])).toEqual([mine[1]]);
      expect(await store.readAt([])).toEqual([]);
    });

    it('reads many positions at once (an export page), in the order asked', async () => {
      await store.append(`${ns}-many`, events(70), 'no_stream');
      const mine = await collect(store.readAll({ filter: { streamPrefixes: [ns] } }));
      const asked = mine.map((e) => e.position).reverse();
      const read = await store.readAt(asked);
      expect(read.map((e) => e.id)).toEqual([...mine].reverse().map((e) => e.id));
    });
  });

  describe('subscriptions', () => {
    it('catches up from the start, says so, then delivers live appends in order', async () => {
      await store.append(`${ns}-a`, events(3), 'no_stream');
      const subscription = store.subscribe({ filter: { streamPrefixes: [ns] } });
      try {
        const caughtUp = await take(subscription, (m) => m.some((x) => x.kind === 'caught-up'));
        expect(eventsOf(caughtUp).map((e) => e.revision)).toEqual([0n, 1n, 2n]);
        expect(caughtUp[caughtUp.length - 1].kind).toBe('caught-up');

        await store.append(`${ns}-b`, events(2), 'no_stream');
        await store.append(`${ns}-a`, events(1), 2n);
        const live = eventsOf(await take(subscription, (m) => eventsOf(m).length >= 3));
        expect(live.map((e) => `${e.stream}@${e.revision}`)).toEqual([
          `${ns}-b@0`,
          `${ns}-b@1`,
          `${ns}-a@3`,
        ]);
      } finally {
        await subscription.close();
      }
    });

    it('starts after a middle position', async () => {
      await store.append(`${ns}-a`, events(4), 'no_stream');
      const all = await collect(store.readAll({ filter: { streamPrefixes: [ns] } }));
      const subscription = store.subscribe({
        after: all[1].position,
        filter: { streamPrefixes: [ns] },
      });
      try {
        const received = await take(subscription, (m) => m.some((x) => x.kind === 'caught-up'));
        expect(eventsOf(received).map((e) => e.id)).toEqual(all.slice(2).map((e) => e.id));
      } finally {
        await subscription.close();
      }
    });

    it('ends iteration and releases the subscription when closed', async () => {
      const before = subject.activeSubscriptions();
      const subscription = store.subscribe({ filter: { streamPrefixes: [ns] } });
      await take(subscription, (m) => m.some((x) => x.kind === 'caught-up'));
      expect(subject.activeSubscriptions()).toBe(before + 1);

      const drained = collect(subscription);
      await subscription.close();
      await store.append(`${ns}-late`, events(1), 'no_stream');
      expect(eventsOf(await drained)).toEqual([]);
      await waitFor(() => subject.activeSubscriptions() === before);
    });
  });

  describe('atomic multi-stream append', () => {
    it('writes every stream with its own expectation', async () => {
      await store.append(`${ns}-old`, events(1), 'no_stream');
      const result = await store.appendMulti([
        { stream: `${ns}-new`, expected: 'no_stream', events: events(2, 'OfficeEstablished') },
        { stream: `${ns}-old`, expected: 0n, events: [anEvent('GroupClosed')] },
      ]);
      expect(result.streams.map((s) => s.nextExpectedRevision)).toEqual([1n, 1n]);
      const stored = await collect(store.readAll({ filter: { streamPrefixes: [ns] } }));
      expect(result.position).toBe(stored[stored.length - 1].position);
      expect((await readStream(store, `${ns}-old`)).map((e) => e.type)).toEqual([
        'SomethingHappened',
        'GroupClosed',
      ]);
      expect(await readStream(store, `${ns}-new`)).toHaveLength(2);
    });

    it('writes nothing on any stream when one expectation fails', async () => {
      await store.append(`${ns}-old`, events(2), 'no_stream');
      const attempt = store.appendMulti([
        { stream: `${ns}-new`, expected: 'no_stream', events: events(1) },
        { stream: `${ns}-old`, expected: 0n, events: events(1) },
      ]);
      await conflictOf(attempt);
      expect(await readStream(store, `${ns}-new`)).toEqual([]);
      expect(await readStream(store, `${ns}-old`)).toHaveLength(2);
    });

    it('refuses the same stream twice in one append', async () => {
      const attempt = store.appendMulti([
        { stream: `${ns}-twice`, expected: 'any', events: events(1) },
        { stream: `${ns}-twice`, expected: 'any', events: events(1) },
      ]);
      await expect(attempt).rejects.toBeInstanceOf(InvalidAppendError);
      expect(await readStream(store, `${ns}-twice`)).toEqual([]);
    });
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
