/**
 * Store-level measures: appends, replay, aggregate load, rebuild, and the peer's consumer.
 * Every function returns one run's value; bench/run.ts repeats and summarizes.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { StreamAppend } from '../../src/event-store/event-store.port';
import { readModelFileNames } from '../../src/projections/read-model-files';
import { factOf } from '../../src/field-operations/domain/events';
import { evolve, type FieldOperationState } from '../../src/field-operations/domain/state';
import { loadStream } from '../../src/shared/application/stream-state';
import { nowMs } from './stats';
import {
  BENCH_DIR,
  emmett,
  emmettExpected,
  foldEvents,
  openPeer,
  openProduct,
  type PeerStore,
  productSynchronous,
  RawStore,
  rawScan,
  rawStreamReader,
  streamTypeOf,
  toEmmett,
} from './stores';
import {
  type OperationInfo,
  tenEventAppends,
  workload,
  type WorkloadCommand,
  type WorkloadEvent,
  type WorkloadOptions,
} from './workload';
import { streamCopyFile } from '../../src/event-store/sqlite/stream-copy';

export type Append = WorkloadCommand['streams'][number];

const execFileAsync = promisify(execFile);

/** Removes an SQLite file with its journals, and the registry's stream copy beside it if any. */
export function removeDb(file: string): void {
  for (const path of [file, streamCopyFile(file)]) {
    for (const suffix of ['', '-wal', '-shm', '-journal'])
      rmSync(`${path}${suffix}`, { force: true });
  }
}

/** Removes the read models whose main file is `file`: that file and each part's beside it. */
export function removeReadModels(file: string): void {
  for (const name of readModelFileNames(basename(file))) removeDb(join(dirname(file), name));
}

// ------------------------------------------------------------------ datasets

export interface Dataset {
  readonly dir: string;
  readonly eventsFile: string;
  readonly events: number;
  readonly operations: OperationInfo[];
  /** Wall time of the fill (multi-stream appends through the port), not a measure. */
  readonly fillMs: number;
}

/**
 * Writes the first `total` events of the workload through the registry's port into
 * `dir/events.sqlite`, grouping consecutive commands into multi-stream appends of up to ~1,000
 * events (a stream appears once per append), as a bulk import would.
 */
export async function fillProduct(
  dir: string,
  total: number,
  options: WorkloadOptions,
): Promise<Dataset> {
  mkdirSync(dir, { recursive: true });
  const eventsFile = join(dir, 'events.sqlite');
  removeDb(eventsFile);
  const operations: OperationInfo[] = [];
  const product = openProduct(eventsFile);
  const started = nowMs();
  try {
    let batch: StreamAppend[] = [];
    let inBatch = new Set<string>();
    let size = 0;
    const flush = async (): Promise<void> => {
      if (batch.length > 0) await product.store.appendMulti(batch);
      batch = [];
      inBatch = new Set();
      size = 0;
    };
    for (const command of workload(total, options, (info) => operations.push(info))) {
      if (command.streams.some((s) => inBatch.has(s.stream)) || size >= 1000) await flush();
      for (const s of command.streams) {
        batch.push({
          stream: s.stream,
          expected: s.expected,
          events: s.events.map((e) => e.event),
        });
        inBatch.add(s.stream);
        size += s.events.length;
      }
    }
    await flush();
  } finally {
    await product.close();
  }
  return { dir, eventsFile, events: total, operations, fillMs: nowMs() - started };
}

/**
 * The same log in Emmett's store, through its own exported `appendToStream` (one call per stream
 * and command, as in the registry's log), grouped into transactions of ~1,000 events on its shared
 * connection (its transactions nest), so that filling is not itself an fsync benchmark.
 */
export async function fillPeer(
  file: string,
  total: number,
  options: WorkloadOptions,
): Promise<number> {
  removeDb(file);
  const peer = await openPeer(file);
  const e = emmett();
  const started = nowMs();
  try {
    let pending: Array<() => Promise<unknown>> = [];
    let size = 0;
    const flush = async (): Promise<void> => {
      const work = pending;
      pending = [];
      size = 0;
      await peer.connection.withTransaction(async () => {
        for (const run of work) await run();
      });
    };
    for (const command of workload(total, options)) {
      for (const s of command.streams) {
        const events = s.events.map(toEmmett);
        const expected = emmettExpected(s.events[0].revision);
        pending.push(async () => {
          const result = await e.appendToStream(
            peer.connection,
            s.stream,
            streamTypeOf(s.stream),
            events,
            {
              expectedStreamVersion: expected,
            },
          );
          if (!result.success) throw new Error(`Emmett refused the fill append to ${s.stream}`);
        });
        size += events.length;
      }
      if (size >= 1000) await flush();
    }
    if (pending.length > 0) await flush();
  } finally {
    await peer.close();
  }
  return nowMs() - started;
}

// ------------------------------------------------------------------ appends

/** The appends of the per-stream measure, materialized once (they are replayed in every run). */
export function tenEventWorkload(total: number, options: WorkloadOptions): Append[] {
  return [...tenEventAppends(total, options)];
}

const flatten = (appends: readonly Append[], count: number): WorkloadEvent[] =>
  appends.flatMap((a) => a.events).slice(0, count);

export interface AppendRun {
  eventsPerSecond: number;
  synchronous: number;
}

/** One run: every append of ten events to one stream, in order, into a fresh file. */
export async function productPerStream(
  file: string,
  appends: readonly Append[],
): Promise<AppendRun> {
  removeDb(file);
  const product = openProduct(file);
  const synchronous = productSynchronous(product);
  let events = 0;
  const started = nowMs();
  for (const a of appends) {
    await product.store.append(
      a.stream,
      a.events.map((e) => e.event),
      a.expected,
    );
    events += a.events.length;
  }
  const ms = nowMs() - started;
  await product.close();
  removeDb(file);
  return { eventsPerSecond: (events / ms) * 1000, synchronous };
}

/** One run: `count` events appended one at a time, each at its stream's expected revision. */
export async function productSingle(
  file: string,
  appends: readonly Append[],
  count: number,
): Promise<AppendRun> {
  removeDb(file);
  const product = openProduct(file);
  const synchronous = productSynchronous(product);
  const events = flatten(appends, count);
  const started = nowMs();
  for (const e of events) {
    await product.store.append(
      e.stream,
      [e.event],
      e.revision === 0n ? 'no_stream' : e.revision - 1n,
    );
  }
  const ms = nowMs() - started;
  await product.close();
  removeDb(file);
  return { eventsPerSecond: (events.length / ms) * 1000, synchronous };
}

/** Splits the events among `callers` by stream, so that no two callers write the same stream. */
function byCaller(events: readonly WorkloadEvent[], callers: number): WorkloadEvent[][] {
  const queues: WorkloadEvent[][] = Array.from({ length: callers }, () => []);
  const owner = new Map<string, number>();
  for (const e of events) {
    let q = owner.get(e.stream);
    if (q === undefined) owner.set(e.stream, (q = owner.size % callers));
    queues[q].push(e);
  }
  return queues;
}

/** One run: `callers` concurrent callers, each appending its streams' events one at a time. */
export async function productConcurrent(
  file: string,
  appends: readonly Append[],
  count: number,
  callers: number,
): Promise<AppendRun> {
  removeDb(file);
  const product = openProduct(file);
  const synchronous = productSynchronous(product);
  const queues = byCaller(flatten(appends, count), callers);
  const started = nowMs();
  await Promise.all(
    queues.map(async (queue) => {
      for (const e of queue) {
        await product.store.append(
          e.stream,
          [e.event],
          e.revision === 0n ? 'no_stream' : e.revision - 1n,
        );
      }
    }),
  );
  const ms = nowMs() - started;
  await product.close();
  removeDb(file);
  return { eventsPerSecond: (count / ms) * 1000, synchronous };
}

export function rawPerStream(file: string, appends: readonly Append[]): AppendRun {
  removeDb(file);
  const raw = new RawStore(file);
  let events = 0;
  const started = nowMs();
  for (const a of appends) {
    raw.appendTransaction(a.events);
    events += a.events.length;
  }
  const ms = nowMs() - started;
  const synchronous = raw.synchronous;
  raw.close();
  removeDb(file);
  return { eventsPerSecond: (events / ms) * 1000, synchronous };
}

export function rawSingle(file: string, appends: readonly Append[], count: number): AppendRun {
  removeDb(file);
  const raw = new RawStore(file);
  const events = flatten(appends, count);
  const started = nowMs();
  for (const e of events) raw.appendTransaction([e]);
  const ms = nowMs() - started;
  const synchronous = raw.synchronous;
  raw.close();
  removeDb(file);
  return { eventsPerSecond: (events.length / ms) * 1000, synchronous };
}

export async function peerPerStream(file: string, appends: readonly Append[]): Promise<AppendRun> {
  removeDb(file);
  const peer = await openPeer(file);
  const prepared = appends.map((a) => ({
    stream: a.stream,
    events: a.events.map(toEmmett),
    expected: emmettExpected(a.events[0].revision),
  }));
  let events = 0;
  const started = nowMs();
  for (const a of prepared) {
    await peer.store.appendToStream(a.stream, a.events, { expectedStreamVersion: a.expected });
    events += a.events.length;
  }
  const ms = nowMs() - started;
  const synchronous = peer.synchronous;
  await peer.close();
  removeDb(file);
  return { eventsPerSecond: (events / ms) * 1000, synchronous };
}

export async function peerSingle(
  file: string,
  appends: readonly Append[],
  count: number,
): Promise<AppendRun> {
  removeDb(file);
  const peer = await openPeer(file);
  const events = flatten(appends, count).map((e) => ({
    stream: e.stream,
    event: toEmmett(e),
    expected: emmettExpected(e.revision),
  }));
  const started = nowMs();
  for (const e of events) {
    await peer.store.appendToStream(e.stream, [e.event], { expectedStreamVersion: e.expected });
  }
  const ms = nowMs() - started;
  const synchronous = peer.synchronous;
  await peer.close();
  removeDb(file);
  return { eventsPerSecond: (events.length / ms) * 1000, synchronous };
}

// ------------------------------------------------------------------ reads

/** Replay: every event through the port's readAll, data and metadata parsed (events/s). */
export async function productReplay(eventsFile: string): Promise<number> {
  const product = openProduct(eventsFile);
  try {
    let count = 0;
    const started = nowMs();
    // Metadata is read too, as the raw scan and Emmett deliver it: a store may parse it on first
    // use (the SQLite adapter does on stream reads), and this measure must count that work.
    for await (const event of product.store.readAll()) {
      if (event.data !== undefined && event.metadata !== undefined) count++;
    }
    return (count / (nowMs() - started)) * 1000;
  } finally {
    await product.close();
  }
}

export function rawReplay(eventsFile: string): number {
  const started = nowMs();
  const count = rawScan(eventsFile);
  return (count / (nowMs() - started)) * 1000;
}

/** Emmett's global read: `readMessagesBatch` pages of 1,000 from the beginning (events/s). */
export async function peerReplay(peerFile: string): Promise<number> {
  const peer = await openPeer(peerFile);
  const e = emmett();
  try {
    let count = 0;
    let after = 0n;
    const started = nowMs();
    for (;;) {
      const batch = await e.readMessagesBatch(peer.connection, { after, batchSize: 1000 });
      count += batch.messages.length;
      if (batch.messages.length === 0) break;
      after = batch.currentGlobalPosition;
    }
    return (count / (nowMs() - started)) * 1000;
  } finally {
    await peer.close();
  }
}

export interface LoadRun {
  streamsPerSecond: number;
  eventsPerSecond: number;
}

/** Aggregate load: read each stream whole through the port and fold it, as a command handler does. */
export async function productLoad(
  eventsFile: string,
  streams: readonly string[],
): Promise<LoadRun> {
  const product = openProduct(eventsFile);
  try {
    let events = 0;
    const started = nowMs();
    for (const stream of streams) {
      const loaded = await loadStream(product.store, stream);
      foldEvents(loaded.events);
      events += loaded.events.length;
    }
    const ms = nowMs() - started;
    return {
      streamsPerSecond: (streams.length / ms) * 1000,
      eventsPerSecond: (events / ms) * 1000,
    };
  } finally {
    await product.close();
  }
}

/**
 * One run: the registry's stream copy made from nothing for the whole log (what a registry does
 * once after an upgrade, and a bulk import's close). Appends pay for it later, when they pause, in
 * smaller runs that cost more per event (a stream's row is rewritten with each run that adds to
 * it). Leaves the copy in place, complete.
 */
export async function productStreamCopy(eventsFile: string): Promise<number> {
  removeDb(streamCopyFile(eventsFile));
  const product = openProduct(eventsFile);
  const copy = product.raw.streamCopy;
  if (!copy) throw new Error('the registry opened without its stream copy');
  const started = nowMs();
  copy.catchUp();
  const ms = nowMs() - started;
  const events = Number((await product.raw.headPosition()) ?? 0n);
  await product.close();
  return (events / ms) * 1000;
}

export function rawLoad(eventsFile: string, streams: readonly string[]): LoadRun {
  const reader = rawStreamReader(eventsFile);
  try {
    let events = 0;
    const started = nowMs();
    for (const stream of streams) events += reader.load(stream);
    const ms = nowMs() - started;
    return {
      streamsPerSecond: (streams.length / ms) * 1000,
      eventsPerSecond: (events / ms) * 1000,
    };
  } finally {
    reader.close();
  }
}

export async function peerLoad(peerFile: string, streams: readonly string[]): Promise<LoadRun> {
  const peer: PeerStore = await openPeer(peerFile);
  try {
    let events = 0;
    const started = nowMs();
    for (const stream of streams) {
      let n = 0;
      await peer.store.aggregateStream(stream, {
        initialState: (): FieldOperationState => undefined,
        // The registry's own evolve, event by event (Emmett folds one event at a time).
        evolve: (state, event) => {
          n++;
          return foldWith(state, event);
        },
      });
      events += n;
    }
    const ms = nowMs() - started;
    return {
      streamsPerSecond: (streams.length / ms) * 1000,
      eventsPerSecond: (events / ms) * 1000,
    };
  } finally {
    await peer.close();
  }
}

function foldWith(
  state: FieldOperationState,
  event: { type: string; data: unknown },
): FieldOperationState {
  const fact = factOf(event.type, event.data);
  return fact ? evolve(state, fact) : state;
}

// ------------------------------------------------------------------ rebuild and the peer's consumer

export interface RebuildRun {
  eventsPerSecond: number;
  ms: number;
  file: string;
}

/**
 * Rebuild: the registry's `buildReadModels` with every projection, from position 0 into fresh
 * read-model files (the main one and each part's, on worker threads), until every projection has
 * reached the head (what `cli rebuild` runs before its comparison and switch), in a child process started with the node flags of `npm run cli`
 * (package.json) as `cli rebuild` is (bench/lib/rebuild-child.ts, timed there).
 */
export async function productRebuild(
  eventsFile: string,
  readModelFile: string,
): Promise<RebuildRun> {
  removeReadModels(readModelFile);
  const args = [
    ...cliNodeFlags(),
    '-r',
    '@swc-node/register',
    join(BENCH_DIR, 'lib', 'rebuild-child.ts'),
    eventsFile,
    readModelFile,
  ];
  // A failed child rejects with its stderr in the message; a hung one is killed after an hour.
  const { stdout, stderr } = await execFileAsync(process.execPath, args, {
    cwd: join(BENCH_DIR, '..'),
    maxBuffer: 16 << 20,
    timeout: 3_600_000,
  });
  const line = stdout
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  let result: { ms?: unknown; head?: unknown } | undefined;
  try {
    result =
      line === undefined ? undefined : (JSON.parse(line) as { ms?: unknown; head?: unknown });
  } catch {
    result = undefined;
  }
  const { ms, head } = result ?? {};
  if (typeof ms !== 'number' || !(ms > 0) || typeof head !== 'number' || !(head >= 0)) {
    throw new Error(`the rebuild child gave no result; stdout: ${stdout}\nstderr: ${stderr}`);
  }
  return { eventsPerSecond: (head / ms) * 1000, ms, file: readModelFile };
}

/**
 * The node flags of package.json's `cli` script (`node <flags> -r @swc-node/register main.ts`),
 * so that the rebuild is measured with the runtime the CLI gives it. Only `--name` and
 * `--name=value` words are taken; anything else before the loader is refused, not guessed at.
 */
export function cliNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(BENCH_DIR, '..', 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const script = pkg.scripts.cli;
  const words = script.trim().split(/\s+/);
  if (words[0] !== 'node')
    throw new Error(`package.json's cli script does not start with node: ${script}`);
  const flags: string[] = [];
  for (const word of words.slice(1)) {
    if (word === '-r' || word === '--require' || word === '--import') return flags;
    if (!/^--[\w-]+(=\S+)?$/.test(word)) {
      throw new Error(
        `package.json's cli script: cannot read the node flag "${word}" in: ${script}`,
      );
    }
    flags.push(word);
  }
  throw new Error(`package.json's cli script loads no TypeScript register (-r): ${script}`);
}

/**
 * Emmett's consumer from the beginning, with its default pulling (batches of 100, 50 ms between
 * batches while events are left) and a processor that does nothing but count: the time until it
 * has seen the last event (events/s).
 */
export async function peerConsumer(peerFile: string, run: number): Promise<number> {
  const peer = await openPeer(peerFile);
  try {
    const last = await peer.connection.querySingle<{ head: number; n: number }>(
      'SELECT MAX(global_position) AS head, COUNT(*) AS n FROM emt_messages',
    );
    const head = BigInt(last?.head ?? 0);
    const total = last?.n ?? 0;
    let seen = 0;
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const consumer = peer.store.consumer();
    consumer.processor({
      processorId: `bench-${run}-${Date.now()}`,
      startFrom: 'BEGINNING',
      eachMessage: (message) => {
        seen++;
        if (message.metadata.globalPosition >= head) done();
      },
    });
    const started = nowMs();
    void consumer.start();
    await finished;
    const ms = nowMs() - started;
    await consumer.stop();
    return (Math.max(seen, total) / ms) * 1000;
  } finally {
    await peer.close();
  }
}

export const exists = existsSync;
