/**
 * Proves the KurrentDB protocol double against the REAL official client
 * (`@kurrent/kurrentdb-client`, with its Rust bridge for reads) over a real
 * loopback socket.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  START,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  UnsupportedError,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type Position,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import { startKurrentDbDouble, type KurrentDbDouble } from './index';

async function collect<T>(events: AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}

async function rejectionOf(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

async function eventually(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await delay(10);
  }
}

const stream = (prefix: string): string => `${prefix}-${randomUUID()}`;
const recorded = (events: ResolvedEvent[]) => events.map(({ event }) => event!);
const revisions = (events: ResolvedEvent[]) => recorded(events).map((event) => event.revision);
const types = (events: ResolvedEvent[]) => recorded(events).map((event) => event.type);
const positionOf = (event: ResolvedEvent): Position => event.event!.position!;

describe('KurrentDB double, spoken to by the real client', () => {
  let double: KurrentDbDouble;
  let client: KurrentDBClient;

  beforeAll(async () => {
    double = await startKurrentDbDouble();
    client = KurrentDBClient.connectionString(double.connectionString);
  });

  afterAll(async () => {
    await client.dispose();
    await double.dispose();
  });

  describe('appending and reading one stream', () => {
    it('reads forwards and backwards (backwards from END)', async () => {
      const name = stream('order');
      const before = double.eventCount();
      const result = await client.appendToStream(name, [
        jsonEvent({ type: 'Opened', data: { n: 1 }, metadata: { recordedAt: 1 } }),
        jsonEvent({ type: 'Changed', data: { n: 2 } }),
        jsonEvent({ type: 'Closed', data: { n: 3 } }),
      ]);

      expect(result.success).toBe(true);
      expect(result.nextExpectedRevision).toBe(2n);
      expect(double.eventCount()).toBe(before + 3);

      const forwards = await collect(client.readStream(name));
      expect(types(forwards)).toEqual(['Opened', 'Changed', 'Closed']);
      expect(revisions(forwards)).toEqual([0n, 1n, 2n]);
      expect(forwards[0].event).toMatchObject({
        streamId: name,
        data: { n: 1 },
        metadata: { recordedAt: 1 },
        isJson: true,
      });
      expect(forwards[0].event!.created).toBeInstanceOf(Date);
      // commit = prepare, strictly increasing, byte-offset-like gaps
      const positions = forwards.map(positionOf);
      for (const position of positions) expect(position.commit).toBe(position.prepare);
      expect(positions[1].commit - positions[0].commit).toBeGreaterThan(1n);
      expect(positions[2].commit).toBeGreaterThan(positions[1].commit);
      // the append reports the position of its last event
      expect(result.position).toEqual(positions[2]);

      const backwards = await collect(
        client.readStream(name, { direction: BACKWARDS, fromRevision: END }),
      );
      expect(revisions(backwards)).toEqual([2n, 1n, 0n]);

      const window = await collect(
        client.readStream(name, { direction: BACKWARDS, fromRevision: 1n, maxCount: 1 }),
      );
      expect(revisions(window)).toEqual([1n]);

      const fromRevision = await collect(
        client.readStream(name, { fromRevision: 1n, direction: FORWARDS }),
      );
      expect(revisions(fromRevision)).toEqual([1n, 2n]);
    });

    it('throws StreamNotFoundError while iterating a missing stream', async () => {
      const name = stream('missing');
      const error = await rejectionOf(() => collect(client.readStream(name)));
      expect(error).toBeInstanceOf(StreamNotFoundError);
      expect((error as StreamNotFoundError).streamName).toBe(name);
    });
  });

  describe('expected states', () => {
    it('no_stream succeeds on a new stream and fails once it exists', async () => {
      const name = stream('no-stream');
      await client.appendToStream(name, jsonEvent({ type: 'A', data: {} }), {
        streamState: 'no_stream',
      });

      const error = await rejectionOf(() =>
        client.appendToStream(name, jsonEvent({ type: 'B', data: {} }), {
          streamState: 'no_stream',
        }),
      );
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({
        streamName: name,
        expectedState: 'no_stream',
        actualState: 0n,
      });
    });

    it('stream_exists fails on a missing stream and succeeds on an existing one', async () => {
      const name = stream('exists');
      const error = await rejectionOf(() =>
        client.appendToStream(name, jsonEvent({ type: 'A', data: {} }), {
          streamState: 'stream_exists',
        }),
      );
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({
        streamName: name,
        expectedState: 'stream_exists',
        actualState: 'no_stream',
      });

      await client.appendToStream(name, jsonEvent({ type: 'A', data: {} }));
      const result = await client.appendToStream(name, jsonEvent({ type: 'B', data: {} }), {
        streamState: 'stream_exists',
      });
      expect(result.nextExpectedRevision).toBe(1n);
    });

    it('an exact revision succeeds when it matches and fails with the current revision otherwise', async () => {
      const name = stream('exact');
      await client.appendToStream(name, [
        jsonEvent({ type: 'A', data: {} }),
        jsonEvent({ type: 'B', data: {} }),
      ]);

      const ok = await client.appendToStream(name, jsonEvent({ type: 'C', data: {} }), {
        streamState: 1n,
      });
      expect(ok.nextExpectedRevision).toBe(2n);

      const error = await rejectionOf(() =>
        client.appendToStream(name, jsonEvent({ type: 'D', data: {} }), { streamState: 0n }),
      );
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamName: name, expectedState: 0n, actualState: 2n });

      const missing = await rejectionOf(() =>
        client.appendToStream(stream('exact-missing'), jsonEvent({ type: 'A', data: {} }), {
          streamState: 4n,
        }),
      );
      expect(missing).toMatchObject({ expectedState: 4n, actualState: 'no_stream' });
    });

    it('any always appends', async () => {
      const name = stream('any');
      await client.appendToStream(name, jsonEvent({ type: 'A', data: {} }), { streamState: 'any' });
      const result = await client.appendToStream(name, jsonEvent({ type: 'B', data: {} }), {
        streamState: 'any',
      });
      expect(result.nextExpectedRevision).toBe(1n);
    });

    it('a retried append with the same ids at the same revisions succeeds without writing', async () => {
      const name = stream('retry');
      const first = [jsonEvent({ type: 'A', data: {} }), jsonEvent({ type: 'B', data: {} })];
      const original = await client.appendToStream(name, first, { streamState: 'no_stream' });
      const countAfterFirst = double.eventCount();

      const retried = await client.appendToStream(name, first, { streamState: 'no_stream' });
      expect(retried).toEqual(original);

      const second = [jsonEvent({ type: 'C', data: {} })];
      await client.appendToStream(name, second, { streamState: 1n });
      const retriedExact = await client.appendToStream(name, second, { streamState: 1n });
      expect(retriedExact.nextExpectedRevision).toBe(2n);
      expect(double.eventCount()).toBe(countAfterFirst + 1);

      const differentIds = await rejectionOf(() =>
        client.appendToStream(name, [jsonEvent({ type: 'C', data: {} })], { streamState: 1n }),
      );
      expect(differentIds).toBeInstanceOf(WrongExpectedVersionError);
    });
  });

  describe('reading $all', () => {
    it('starts with system events and reads from a position (inclusive) and backwards from END', async () => {
      const all = await collect<AllStreamResolvedEvent>(client.readAll({ fromPosition: START }));
      const system = recorded(all).filter((event) => event.streamId.startsWith('$'));
      expect(system.length).toBeGreaterThan(0);
      for (const event of system) expect(event.type.startsWith('$')).toBe(true);
      expect(all[0].event!.streamId.startsWith('$')).toBe(true);

      const commits = all.map((event) => event.commitPosition!);
      for (let i = 1; i < commits.length; i++) expect(commits[i]).toBeGreaterThan(commits[i - 1]);

      const middle = all[Math.floor(all.length / 2)];
      const fromMiddle = await collect(
        client.readAll({ fromPosition: positionOf(middle), maxCount: 2 }),
      );
      expect(fromMiddle.map(positionOf)).toEqual(
        all.slice(all.indexOf(middle), all.indexOf(middle) + 2).map(positionOf),
      );

      const lastTwo = await collect(
        client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 2 }),
      );
      expect(lastTwo.map(positionOf)).toEqual(all.slice(-2).reverse().map(positionOf));
    });

    it('filters on event type and stream name on the server', async () => {
      const tag = randomUUID().slice(0, 8);
      const first = `filtered${tag}-1`;
      const second = `filtered${tag}-2`;
      await client.appendToStream(first, [jsonEvent({ type: `Kept${tag}`, data: {} })]);
      await client.appendToStream(second, [jsonEvent({ type: `Other${tag}`, data: {} })]);

      const userOnly = await collect(client.readAll({ filter: excludeSystemEvents() }));
      expect(recorded(userOnly).every((event) => !event.type.startsWith('$'))).toBe(true);

      const byType = await collect(
        client.readAll({ filter: eventTypeFilter({ prefixes: [`Kept${tag}`] }) }),
      );
      expect(recorded(byType).map((event) => event.streamId)).toEqual([first]);

      const byPrefix = await collect(
        client.readAll({ filter: streamNameFilter({ prefixes: [`filtered${tag}`] }) }),
      );
      expect(recorded(byPrefix).map((event) => event.streamId)).toEqual([first, second]);

      const byRegex = await collect(
        client.readAll({ filter: streamNameFilter({ regex: `^filtered${tag}-2$` }) }),
      );
      expect(recorded(byRegex).map((event) => event.streamId)).toEqual([second]);
    });
  });

  describe('subscriptions', () => {
    it('subscribeToAll catches up, reports caughtUp, then delivers live events; unsubscribe releases it', async () => {
      const name = stream('live');
      await client.appendToStream(name, jsonEvent({ type: 'Before', data: {} }));
      const lastBefore = await collect(
        client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }),
      );

      const checkpoints: Position[] = [];
      const subscription = client.subscribeToAll({
        fromPosition: START,
        filter: excludeSystemEvents({
          checkpointReached: (_subscription, position) => void checkpoints.push(position),
        }),
      });
      const received: string[] = [];
      let caughtUpAfter = -1;
      subscription.on('data', (resolved: AllStreamResolvedEvent) => {
        if (resolved.event!.streamId === name) received.push(resolved.event!.type);
      });
      subscription.on('caughtUp', () => {
        caughtUpAfter = received.length;
      });

      await eventually(() => caughtUpAfter >= 0);
      expect(received).toEqual(['Before']);
      expect(caughtUpAfter).toBe(1);
      // a filtered subscription gets a checkpoint at the end of its catch-up
      await eventually(() => checkpoints.length > 0);
      expect(checkpoints[checkpoints.length - 1]).toEqual(positionOf(lastBefore[0]));
      expect(double.activeSubscriptions()).toBe(1);

      await client.appendToStream(name, jsonEvent({ type: 'Live', data: {} }));
      await eventually(() => received.length === 2);
      expect(received).toEqual(['Before', 'Live']);

      await subscription.unsubscribe();
      await eventually(() => double.activeSubscriptions() === 0);

      // from a position: only what comes after it
      const afterPosition = client.subscribeToAll({ fromPosition: positionOf(lastBefore[0]) });
      const types: string[] = [];
      afterPosition.on('data', (resolved: AllStreamResolvedEvent) =>
        types.push(resolved.event!.type),
      );
      await eventually(() => types.includes('Live'));
      expect(types).toEqual(['Live']);
      await afterPosition.unsubscribe();
      await eventually(() => double.activeSubscriptions() === 0);
    });

    it('subscribeToStream starts after the given revision', async () => {
      const name = stream('stream-sub');
      await client.appendToStream(name, [
        jsonEvent({ type: 'A', data: {} }),
        jsonEvent({ type: 'B', data: {} }),
      ]);
      const subscription = client.subscribeToStream(name, { fromRevision: 0n });
      const seen: bigint[] = [];
      subscription.on('data', (resolved: ResolvedEvent) => seen.push(resolved.event!.revision));
      await client.appendToStream(name, jsonEvent({ type: 'C', data: {} }));
      await eventually(() => seen.length === 2);
      expect(seen).toEqual([1n, 2n]);
      await subscription.unsubscribe();
      await eventually(() => double.activeSubscriptions() === 0);
    });
  });

  describe('multiStreamAppend (v2 AppendSession)', () => {
    it('appends to several streams at once; events read back with $schema metadata', async () => {
      const first = stream('multi-a');
      const second = stream('multi-b');
      await client.appendToStream(second, jsonEvent({ type: 'Existing', data: {} }));

      const result = await client.multiStreamAppend([
        {
          streamName: first,
          expectedState: 'no_stream',
          events: [jsonEvent({ type: 'A', data: { a: 1 }, metadata: { by: 'me' } })],
        },
        {
          streamName: second,
          expectedState: 0n,
          events: [jsonEvent({ type: 'B', data: {} }), jsonEvent({ type: 'C', data: {} })],
        },
      ]);

      expect(result.responses).toEqual([
        { streamName: first, revision: 0n },
        { streamName: second, revision: 2n },
      ]);
      const [written] = await collect(client.readStream(first));
      expect(written.event).toMatchObject({
        type: 'A',
        data: { a: 1 },
        metadata: { by: 'me', '$schema.name': 'A', '$schema.format': 'Json' },
      });
      const secondEvents = await collect(client.readStream(second));
      expect(result.position).toBe(positionOf(secondEvents[2]).commit);
    });

    it('writes nothing when one expectation fails, and throws WrongExpectedVersionError', async () => {
      const fresh = stream('multi-fresh');
      const existing = stream('multi-existing');
      await client.appendToStream(existing, jsonEvent({ type: 'A', data: {} }));
      const before = double.eventCount();

      const error = await rejectionOf(() =>
        client.multiStreamAppend([
          { streamName: fresh, expectedState: 'any', events: [jsonEvent({ type: 'A', data: {} })] },
          {
            streamName: existing,
            expectedState: 'no_stream',
            events: [jsonEvent({ type: 'B', data: {} })],
          },
        ]),
      );

      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({
        message: '',
        streamName: existing,
        expectedState: 'no_stream',
        actualState: 0n,
      });
      expect(double.eventCount()).toBe(before);
      await expect(collect(client.readStream(fresh))).rejects.toBeInstanceOf(StreamNotFoundError);
    });

    it('rejects the same stream twice in one call (surfacing as a timeout)', async () => {
      const name = stream('multi-twice');
      const error = await rejectionOf(() =>
        client.multiStreamAppend([
          { streamName: name, expectedState: 'any', events: [jsonEvent({ type: 'A', data: {} })] },
          { streamName: name, expectedState: 'any', events: [jsonEvent({ type: 'B', data: {} })] },
        ]),
      );
      expect(error).toBeInstanceOf(TimeoutError);
    });
  });
});

describe('KurrentDB double without AppendSession (a pre-25.1 server)', () => {
  it('makes multiStreamAppend throw UnsupportedError', async () => {
    const double = await startKurrentDbDouble({ advertiseMultiStreamAppend: false });
    const client = KurrentDBClient.connectionString(double.connectionString);
    try {
      const error = await rejectionOf(() =>
        client.multiStreamAppend([
          {
            streamName: stream('unsupported'),
            expectedState: 'any',
            events: [jsonEvent({ type: 'A', data: {} })],
          },
        ]),
      );
      expect(error).toBeInstanceOf(UnsupportedError);
      expect(double.eventCount()).toBe(0);
      // everything else still works
      await client.appendToStream(stream('still-works'), jsonEvent({ type: 'A', data: {} }));
      expect(double.eventCount()).toBe(1);
    } finally {
      await client.dispose();
      await double.dispose();
    }
  });
});

describe('KurrentDB double outage', () => {
  it('fails appends with gRPC code 14 and reads with UnavailableError, then recovers on the same port', async () => {
    const double = await startKurrentDbDouble();
    const client = KurrentDBClient.connectionString(double.connectionString);
    const name = stream('outage');
    try {
      await client.appendToStream(name, jsonEvent({ type: 'Before', data: {} }));
      // The read bridge must have connected once before the outage (see the quirk below).
      expect(types(await collect(client.readStream(name)))).toEqual(['Before']);
      const subscription = client.subscribeToAll({ fromPosition: END });
      const subscriptionError = new Promise<unknown>((resolve) =>
        subscription.on('error', resolve),
      );
      await eventually(() => double.activeSubscriptions() === 1);
      const port = double.port;

      await double.stop();

      expect(double.activeSubscriptions()).toBe(0);
      expect(await subscriptionError).toBeDefined();
      const appendError = await rejectionOf(() =>
        client.appendToStream(name, jsonEvent({ type: 'Lost', data: {} })),
      );
      expect(appendError).toMatchObject({ code: 14 });
      await expect(collect(client.readStream(name))).rejects.toBeInstanceOf(UnavailableError);

      await double.start();

      expect(double.port).toBe(port);
      await untilConnected(() =>
        client.appendToStream(name, jsonEvent({ type: 'After', data: {} })),
      );
      expect(types(await collect(client.readStream(name)))).toEqual(['Before', 'After']);
    } finally {
      await client.dispose();
      await double.dispose();
    }
  });
});

describe('client quirk (not the double): a read bridge that never connected', () => {
  it('stays unavailable after the server comes back; a new client is needed', async () => {
    const double = await startKurrentDbDouble();
    const client = KurrentDBClient.connectionString(double.connectionString);
    const name = stream('never-connected');
    try {
      await client.appendToStream(name, jsonEvent({ type: 'A', data: {} }));
      await double.stop();
      await expect(collect(client.readStream(name))).rejects.toBeInstanceOf(UnavailableError);
      await double.start();

      await expect(collect(client.readStream(name))).rejects.toBeInstanceOf(UnavailableError);
      // appends (grpc-js) do recover, once the channel has reconnected
      await untilConnected(() => client.appendToStream(name, jsonEvent({ type: 'B', data: {} })));

      const fresh = KurrentDBClient.connectionString(double.connectionString);
      try {
        expect(types(await collect(fresh.readStream(name)))).toEqual(['A', 'B']);
      } finally {
        await fresh.dispose();
      }
    } finally {
      await client.dispose();
      await double.dispose();
    }
  });
});

/**
 * A call right after the double restarts: the client's channel reconnects on its own backoff and
 * may refuse with UNAVAILABLE (code 14) for a moment; tried again for up to 10 s, nothing else.
 */
async function untilConnected<T>(call: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const unavailable =
        error instanceof UnavailableError || (error as { code?: number }).code === 14;
      if (!unavailable || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
