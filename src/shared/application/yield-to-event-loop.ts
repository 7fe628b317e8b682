/**
 * Long reads of the log run on promise jobs alone and would starve HTTP requests and timers;
 * loops over many events call this every so often to let them in.
 */
export function yieldEvery(count: number): () => Promise<void> | undefined {
  let seen = 0;
  return () => (++seen % count === 0 ? new Promise((resolve) => setImmediate(resolve)) : undefined);
}
