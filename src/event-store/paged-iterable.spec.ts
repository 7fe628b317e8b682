import { PagedIterable } from './paged-iterable';

describe('PagedIterable', () => {
  /** Pages of numbers, recording which pages were read and whether the source was closed. */
  const source = (pages: number[][]) => {
    const log = { read: 0, closed: 0 };
    const iterable = new PagedIterable(
      function* () {
        try {
          for (const page of pages) {
            log.read++;
            yield page;
          }
        } finally {
          log.closed++;
        }
      },
      (n: number) => n * 10,
    );
    return { iterable, log };
  };

  const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
    const out: T[] = [];
    for await (const item of items) out.push(item);
    return out;
  };

  it('delivers every item of every page in order, converted, skipping empty pages', async () => {
    const { iterable } = source([[1, 2], [], [3]]);
    expect(await collect(iterable)).toEqual([10, 20, 30]);
  });

  it('reads a page only when the previous one is used up, and reads again on each iteration', async () => {
    const { iterable, log } = source([[1], [2]]);
    const iterator = iterable[Symbol.asyncIterator]();
    expect(log.read).toBe(0);
    await iterator.next();
    expect(log.read).toBe(1);
    await iterator.next();
    expect(log.read).toBe(2);
    expect(await collect(iterable)).toEqual([10, 20]);
    expect(log.read).toBe(4);
  });

  it('closes the page source on an early break', async () => {
    const { iterable, log } = source([[1, 2], [3]]);
    for await (const item of iterable) if (item === 10) break;
    expect(log).toEqual({ read: 1, closed: 1 });
  });

  it('maps per item, and a failing item rejects after the items before it, then ends', async () => {
    const { iterable, log } = source([[1, 2, 3]]);
    const mapped = iterable.map((n) => {
      if (n === 20) throw new Error('cannot map 20');
      return n + 1;
    });
    const iterator = mapped[Symbol.asyncIterator]();
    await expect(iterator.next()).resolves.toEqual({ done: false, value: 11 });
    await expect(iterator.next()).rejects.toThrow('cannot map 20');
    await expect(iterator.next()).resolves.toEqual({ done: true, value: undefined });
    expect(log.closed).toBe(1);
  });
});
