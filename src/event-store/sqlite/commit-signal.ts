/**
 * Wakes waiting subscriptions when this process commits an append. Waits also end after a
 * timeout, which is how subscriptions notice appends made by another process on the same file.
 */
export class CommitSignal {
  private readonly waiters = new Set<() => void>();

  notify(): void {
    const woken = [...this.waiters];
    this.waiters.clear();
    for (const wake of woken) wake();
  }

  /** Resolves on the next commit, after `timeoutMs`, or when `cancel` aborts; leaves nothing behind. */
  wait(timeoutMs: number, cancel: AbortSignal): Promise<void> {
    if (cancel.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        cancel.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
      cancel.addEventListener('abort', done, { once: true });
    });
  }

  get waiting(): number {
    return this.waiters.size;
  }
}
