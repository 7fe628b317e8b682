/**
 * An unbounded push queue read through async iterators (several may share it). `end()` lets
 * readers drain what is queued and then finish; `fail()` drops what is queued and makes the
 * next read throw. `onTake` runs after each item leaves, so the producer can resume when drained.
 */
export class AsyncQueue<T> {
  private readonly items: T[] = [];
  private readonly waiting: Array<(result: IteratorResult<T>) => void> = [];
  private readonly rejecting: Array<(error: Error) => void> = [];
  private ended = false;
  private failure: Error | undefined;

  constructor(private readonly onTake: () => void = () => undefined) {}

  get length(): number {
    return this.items.length;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  push(item: T): void {
    if (this.ended) return;
    const waiter = this.waiting.shift();
    if (waiter) {
      this.rejecting.shift();
      waiter({ value: item, done: false });
    } else {
      this.items.push(item);
    }
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.rejecting.length = 0;
    for (const waiter of this.waiting.splice(0)) waiter({ value: undefined, done: true });
  }

  fail(reason: unknown): void {
    if (this.ended) return;
    const error = reason instanceof Error ? reason : new Error(String(reason));
    this.ended = true;
    this.items.length = 0;
    this.waiting.length = 0;
    const rejecting = this.rejecting.splice(0);
    if (rejecting.length === 0) this.failure = error;
    for (const reject of rejecting) reject(error);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.items.length > 0) {
      const value = this.items.shift() as T;
      this.onTake();
      return Promise.resolve({ value, done: false });
    }
    if (this.failure) {
      const error = this.failure;
      this.failure = undefined;
      return Promise.reject(error);
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting.push(resolve);
      this.rejecting.push(reject);
    });
  }
}
