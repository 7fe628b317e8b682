import { extname } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { RegistryConfig } from '../../config/registry-config';
import { openEventStore } from '../../event-store/event-store.module';
import { allProjections } from '../../projections/all-projections';
import { ProjectionEngine } from '../../projections/projection-engine';
import { endBulkWrites, openReadModelDatabase } from '../../projections/read-model-database';

/**
 * A rebuild projects each file of the read models (see `READ_MODEL_PARTS`) with an engine of its
 * own. SQLite writes one file from one thread at a time, so the parts' files are built on worker
 * threads beside the main file's engine: two cores instead of one (at 1M events the decisions
 * and the audit index are ~30% of the projecting, their reader indexes most of the index build).
 */
export interface PartBuildRequest {
  readonly rebuildPart: true;
  /** Opens the event store in the worker as the CLI opened it. */
  readonly config: RegistryConfig;
  /** The part's read-model file (a path). */
  readonly file: string;
  /** Names of the part's projections, among `allProjections()`. */
  readonly projections: readonly string[];
  /**
   * Write the file in bulk (see `ReadModelFileOptions.bulk`) and end that once built, on the
   * worker (its flush beside the main file's projecting).
   */
  readonly bulk: boolean;
  /** Where to stop: the head of the log when the rebuild started. */
  readonly head: bigint | undefined;
}

type WorkerMessage =
  | { kind: 'progress'; checkpoint: bigint | undefined }
  | { kind: 'done' }
  | { kind: 'failed'; message: string };

const PROGRESS_MS = 100;

/**
 * How long `stop` waits for the worker to stop after its current batch before terminating it (a
 * worker still opening the event store, or building a reader index, hears the request late).
 * Terminated, it loses only its uncommitted batch or index, which the next run makes again.
 */
const STOP_TIMEOUT_MS = 30_000;

/** The lowest of some checkpoints; undefined if any is (a projection that has none yet). */
export function lowest(checkpoints: ReadonlyArray<bigint | undefined>): bigint | undefined {
  if (checkpoints.some((c) => c === undefined)) return undefined;
  return checkpoints.reduce((a, b) => (b! < a! ? b : a));
}

/** The lowest checkpoint of an engine's projections. */
export function lowestCheckpoint(engine: ProjectionEngine): bigint | undefined {
  return lowest(engine.runners.map((r) => r.checkpoint));
}

/** What the rebuild follows: an engine on this thread, or a part built on a worker. */
export interface PartBuild {
  /** The lowest checkpoint reached so far. */
  checkpoint(): bigint | undefined;
  /** Resolves once every projection of the part has reached `head`, its reader indexes built. */
  reach(head: bigint | undefined): Promise<void>;
  stop(): Promise<void>;
}

/** An engine on this thread, started by `reach`. */
export function engineBuild(engine: ProjectionEngine): PartBuild {
  return {
    checkpoint: () => lowestCheckpoint(engine),
    reach: (head) => {
      engine.start();
      return engine.reach(head);
    },
    stop: () => engine.stop(),
  };
}

/**
 * A part's projections built on a worker thread, from their checkpoints in the part's file to
 * `head`. The worker reports its progress; `stop` asks it to stop after its current batch (what
 * it committed stays, for the next run to continue from).
 */
export class PartInWorker implements PartBuild {
  private last: bigint | undefined;
  private worker?: Worker;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    private readonly request: Omit<PartBuildRequest, 'rebuildPart' | 'head'>,
    /** The part's lowest checkpoint before the worker starts. */
    from: bigint | undefined,
    private readonly stopTimeoutMs = STOP_TIMEOUT_MS,
  ) {
    this.last = from;
  }

  checkpoint(): bigint | undefined {
    return this.last;
  }

  reach(head: bigint | undefined): Promise<void> {
    const request: PartBuildRequest = { ...this.request, rebuildPart: true, head };
    const worker = startWorker(request);
    this.worker = worker;
    let exit: () => void = () => undefined;
    this.exited = new Promise((resolve) => (exit = resolve));
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (error?: Error): void => {
        if (settled) return;
        settled = true;
        if (error) reject(error);
        else resolve();
      };
      worker.on('message', (message: WorkerMessage) => {
        if (message.kind === 'progress') this.last = message.checkpoint;
        else if (message.kind === 'done') settle();
        else settle(new Error(message.message));
      });
      worker.once('error', (error) => settle(error));
      worker.once('exit', (code) => {
        exit();
        settle(new Error(`the worker building ${this.request.file} stopped (exit code ${code})`));
      });
    });
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    worker.postMessage('stop');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.stopTimeoutMs);
    });
    try {
      if ((await Promise.race([this.exited, late])) === 'late') {
        await worker.terminate();
        await this.exited;
      }
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The worker runs this module: as compiled JavaScript, or TypeScript through the CLI's loader. */
function startWorker(request: PartBuildRequest): Worker {
  if (extname(__filename) === '.ts') {
    const load = `require('@swc-node/register'); require(${JSON.stringify(__filename)});`;
    return new Worker(load, { eval: true, workerData: request });
  }
  return new Worker(__filename, { workerData: request });
}

/** The worker's side: one engine over the part's file, until `head` or until told to stop. */
async function buildPart(request: PartBuildRequest): Promise<void> {
  const port = parentPort!;
  const post = (message: WorkerMessage): void => port.postMessage(message);
  const store = await openEventStore(request.config);
  try {
    const db = openReadModelDatabase(request.file, { bulk: request.bulk });
    try {
      const projections = allProjections().filter((p) => request.projections.includes(p.name));
      // The main file's engine keeps the other core busy: the sorter gets no helper threads, so
      // that building this file's reader indexes does not slow it (at 1M events ~4% sooner done).
      const engine = new ProjectionEngine(store, db, projections, { indexBuildThreads: 0 });
      const report = (): void => post({ kind: 'progress', checkpoint: lowestCheckpoint(engine) });
      const tick = setInterval(report, PROGRESS_MS);
      const stopped = new Promise<'stopped'>((resolve) =>
        port.once('message', () => resolve('stopped')),
      );
      try {
        engine.start();
        const outcome = await Promise.race([engine.reach(request.head), stopped]);
        await engine.stop();
        report();
        if (outcome !== 'stopped') {
          if (request.bulk) endBulkWrites(db);
          post({ kind: 'done' });
        }
      } finally {
        clearInterval(tick);
        await engine.stop();
      }
    } finally {
      db.close();
    }
  } finally {
    await store.close();
  }
}

const request = workerData as Partial<PartBuildRequest> | undefined;
if (!isMainThread && request?.rebuildPart === true) {
  buildPart(request as PartBuildRequest)
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      parentPort!.postMessage({ kind: 'failed', message } satisfies WorkerMessage);
    })
    .finally(() => parentPort!.close());
}
