/**
 * An AsyncIterable over items that a store reads synchronously, a page at a time (SQLite reads
 * block and return whole pages). Iterating it costs one already-resolved promise per item and one
 * read per page, where an async generator costs several promise hops per item, and again per
 * layer wrapped around it. Layers on top (the upcasting decorator) therefore add a per-item
 * function with `map` instead of wrapping the iteration in another generator.
 *
 * Items are converted one at a time as they are delivered (`convert`), so a conversion error is
 * thrown at the item that caused it, after every item before it was delivered, as with a generator.
 * Each `[Symbol.asyncIterator]()` call starts a fresh read from `pages`.
 */
export class PagedIterable<T, Row = unknown> implements AsyncIterable<T> {
  constructor(
    /** Starts a read: a (usually generator) iterator of pages; called once per iteration. */
    private readonly pages: () => Iterator<readonly Row[], void>,
    private readonly convert: (row: Row) => T,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return new PageWalker(this.pages(), this.convert);
  }

  /** The same read, each item passed through `transform` as it is delivered. */
  map<U>(transform: (item: T) => U): PagedIterable<U, Row> {
    const convert = this.convert;
    return new PagedIterable(this.pages, (row) => transform(convert(row)));
  }
}

/** A promise rejected with exactly what was thrown, as an async generator would reject. */
const rejectWith = async (error: unknown): Promise<never> => {
  throw error;
};

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

class PageWalker<T, Row> implements AsyncIterator<T> {
  private page: readonly Row[] = [];
  private index = 0;
  private finished = false;

  constructor(
    private readonly pages: Iterator<readonly Row[], void>,
    private readonly convert: (row: Row) => T,
  ) {}

  next(): Promise<IteratorResult<T>> {
    try {
      while (this.index >= this.page.length) {
        if (this.finished) return Promise.resolve(DONE);
        const next = this.pages.next();
        if (next.done) return this.finish();
        this.page = next.value;
        this.index = 0;
      }
      return Promise.resolve({ done: false, value: this.convert(this.page[this.index++]) });
    } catch (error) {
      void this.finish();
      return rejectWith(error);
    }
  }

  /** An early `break` (or a failed read): closes the page source, which releases what it holds. */
  return(): Promise<IteratorResult<T>> {
    return this.finish();
  }

  private finish(): Promise<IteratorResult<T>> {
    if (!this.finished) {
      this.finished = true;
      this.page = [];
      this.pages.return?.();
    }
    return Promise.resolve(DONE);
  }
}
