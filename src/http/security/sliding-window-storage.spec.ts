import { ThrottlerStorageService } from '@nestjs/throttler';
import fc from 'fast-check';
import { SlidingWindowStorage } from './sliding-window-storage';

describe('SlidingWindowStorage', () => {
  let clock = 0;
  beforeEach(() => {
    clock = Date.UTC(2026, 10, 28);
    jest.spyOn(Date, 'now').mockImplementation(() => clock);
  });
  afterEach(() => jest.restoreAllMocks());

  const step = fc.record({
    client: fc.constantFrom('10.0.0.1', '10.0.0.2', '10.0.0.3'),
    // Mostly bursts, now and then a pause past the window, and a clock that goes back.
    advanceMs: fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0, max: 400 }) },
      { weight: 2, arbitrary: fc.integer({ min: 0, max: 12_000 }) },
      { weight: 1, arbitrary: fc.integer({ min: -1500, max: -1 }) },
    ),
  });

  it.each([
    ['blocking for the window over the limit (as the guard sets it)', 5_000, 5, 5_000],
    ['blocking longer than the window', 2_000, 3, 7_000],
    ['without blocking', 3_000, 4, 0],
  ])(
    "answers every request as @nestjs/throttler's own storage does, %s",
    async (_name, ttl, limit, blockDuration) => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 120 }), async (steps) => {
          const library = new ThrottlerStorageService();
          const ours = new SlidingWindowStorage();
          try {
            for (const { client, advanceMs } of steps) {
              clock += advanceMs;
              const expected = await library.increment(
                client,
                ttl,
                limit,
                blockDuration,
                'default',
              );
              const actual = await ours.increment(client, ttl, limit, blockDuration, 'default');
              expect(actual).toEqual(expected);
            }
          } finally {
            library.onApplicationShutdown();
          }
        }),
        { numRuns: 300, seed: 1975 },
      );
    },
  );

  it('blocks the client over the limit, and lets it in again once the block has passed', async () => {
    const storage = new SlidingWindowStorage();
    const hit = () => storage.increment('client', 60_000, 2, 60_000, 'default');
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(await hit()).toMatchObject({ totalHits: 2, isBlocked: false });
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
    clock += 30_000;
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    clock += 30_001;
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('forgets clients that went quiet', async () => {
    const storage = new SlidingWindowStorage();
    await storage.increment('quiet', 1_000, 5, 1_000, 'default');
    await storage.increment('busy', 1_000, 5, 1_000, 'default');
    clock += 900;
    await storage.increment('busy', 1_000, 5, 1_000, 'default');
    clock += 200;
    storage.sweep(clock);
    expect(storage.clients).toBe(1);
    clock += 1_000;
    storage.sweep(clock);
    expect(storage.clients).toBe(0);
  });
});
