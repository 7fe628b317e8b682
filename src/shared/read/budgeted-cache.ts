interface Entry<V> {
  readonly value: V;
  readonly size: number;
  /** Read since it was kept or last spared (see `set`). */
  read: boolean;
}

/**
 * Values kept for the reads that follow, up to a budget of estimated bytes. Once the budget is
 * passed the oldest go first, except that one read since it was kept is spared once and goes to
 * the back (second chance, an approximation of least recently read). A read only sets a flag:
 * moving the entry to the back of the Map on every read, as an exact LRU does, cost ~2.5 us per
 * read with ~30,000 entries held (the Map rehashes as deleted slots pile up).
 */
export class BudgetedCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  private bytes = 0;

  constructor(readonly budget: number) {}

  /** The value kept under `key`, if any (it then counts as read). */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    entry.read = true;
    return entry.value;
  }

  /** Keeps `value` (of about `size` bytes) unless it alone passes the budget; returns it. */
  set(key: K, value: V, size: number): V {
    if (size > this.budget) return value;
    const replaced = this.entries.get(key);
    if (replaced) {
      this.entries.delete(key);
      this.bytes -= replaced.size;
    }
    this.entries.set(key, { value, size, read: false });
    this.bytes += size;
    // Oldest first (a Map iterates in insertion order); an entry moved to the back comes round
    // again in this same loop, its flag cleared, so the loop ends.
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.budget) break;
      this.entries.delete(oldest);
      if (entry.read) {
        entry.read = false;
        this.entries.set(oldest, entry);
      } else {
        this.bytes -= entry.size;
      }
    }
    return value;
  }

  /** Entries held. */
  get size(): number {
    return this.entries.size;
  }

  /** Their estimated size in bytes. */
  get heldBytes(): number {
    return this.bytes;
  }
}
