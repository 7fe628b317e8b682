import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { EventStore } from '../../src/event-store/event-store.port';

setFlagsFromString('--expose-gc');
/** A full garbage collection (`gc` of a context made after exposing it). */
const collect = runInNewContext('gc') as () => void;

/**
 * Watches a store for what a command keeps of its reads while its append waits for the commit:
 * every event a stream read yields is tracked by a weak reference, and `append`/`appendMulti`
 * are held at a gate until `release`.
 */
export function watchHeldReads(store: EventStore): {
  /** Resolves once an append reached the gate. */
  appending: Promise<void>;
  /** How many events read so far are still reachable after a full collection. */
  reachableAfterCollection(): Promise<number>;
  /** Events read so far. */
  readonly read: number;
  release(): void;
} {
  const refs: Array<WeakRef<object>> = [];
  let entered!: () => void;
  const appending = new Promise<void>((resolve) => (entered = resolve));
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const readStream = store.readStream.bind(store);
  store.readStream = (stream, options) => {
    const events = readStream(stream, options);
    return {
      async *[Symbol.asyncIterator]() {
        for await (const event of events) {
          refs.push(new WeakRef(event));
          yield event;
        }
      },
    };
  };
  const append = store.append.bind(store);
  store.append = async (...args) => {
    entered();
    await gate;
    return append(...args);
  };
  const appendMulti = store.appendMulti.bind(store);
  store.appendMulti = async (...args) => {
    entered();
    await gate;
    return appendMulti(...args);
  };
  return {
    appending,
    async reachableAfterCollection() {
      // A weak reference keeps its target until the job that made or read it ends.
      await new Promise((resolve) => setTimeout(resolve, 10));
      collect();
      return refs.filter((ref) => ref.deref() !== undefined).length;
    },
    get read() {
      return refs.length;
    },
    release: () => open(),
  };
}
