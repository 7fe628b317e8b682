import { BudgetedCache } from './budgeted-cache';

describe('a cache within a budget of bytes', () => {
  it('drops the oldest first once past the budget, sparing once one read since it was kept', () => {
    const cache = new BudgetedCache<string, number>(30);
    cache.set('a', 1, 10);
    cache.set('b', 2, 10);
    cache.set('c', 3, 10);
    expect(cache.get('a')).toBe(1);
    cache.set('d', 4, 10);
    // 'a' was read: spared and sent to the back; 'b', the oldest not read, goes.
    expect([cache.get('b'), cache.get('a'), cache.get('c'), cache.get('d')]).toEqual([
      undefined,
      1,
      3,
      4,
    ]);
    expect(cache.heldBytes).toBe(30);
  });

  it('counts a replaced value once, and keeps nothing larger than the whole budget', () => {
    const cache = new BudgetedCache<string, number>(30);
    cache.set('a', 1, 10);
    cache.set('a', 2, 20);
    expect([cache.size, cache.heldBytes, cache.get('a')]).toEqual([1, 20, 2]);
    expect(cache.set('huge', 3, 31)).toBe(3);
    expect([cache.size, cache.get('huge')]).toEqual([1, undefined]);
  });
});
