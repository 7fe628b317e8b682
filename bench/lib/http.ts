/**
 * The registry over HTTP: built from the repository's TypeScript into the bench's work folder
 * (SWC, the same transform `nest build` and @swc-node apply), started as its own process on a
 * prepared data folder, loaded with autocannon; and a bare Fastify serving the same JSON, the
 * HTTP limit.
 */
import { type ChildProcess, fork, spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import {
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { nowMs } from './stats';
import { BENCH_DIR } from './stores';

export const REPO_DIR = join(BENCH_DIR, '..');
const benchRequire = createRequire(join(BENCH_DIR, 'package.json'));

// ------------------------------------------------------------------ building the app

/** Transpiles src/ (specs left out) into `outDir/src`, and links the repository's node_modules. */
export function buildApp(outDir: string): { files: number; ms: number } {
  const started = nowMs();
  // @swc/core is a devDependency of the registry (what @swc-node/register and jest use).
  const swc = createRequire(join(REPO_DIR, 'package.json'))('@swc/core') as {
    transformFileSync(file: string, options: unknown): { code: string };
  };
  rmSync(join(outDir, 'src'), { recursive: true, force: true });
  let files = 0;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.ts') && !entry.endsWith('.spec.ts') && !entry.endsWith('.d.ts')) {
        const out = join(outDir, relative(REPO_DIR, path)).replace(/\.ts$/, '.js');
        mkdirSync(dirname(out), { recursive: true });
        const { code } = swc.transformFileSync(path, {
          swcrc: false,
          sourceMaps: false,
          module: { type: 'commonjs' },
          jsc: {
            target: 'es2022',
            keepClassNames: true,
            parser: { syntax: 'typescript', decorators: true },
            transform: { legacyDecorator: true, decoratorMetadata: true },
          },
        });
        writeFileSync(out, code);
        files++;
      } else if (!entry.endsWith('.ts')) {
        const out = join(outDir, relative(REPO_DIR, path));
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, readFileSync(path));
      }
    }
  };
  walk(join(REPO_DIR, 'src'));
  // Resolve packages from the repository (not from bench/node_modules, two levels up).
  const link = join(outDir, 'node_modules');
  if (!existsSync(link)) symlinkSync(join(REPO_DIR, 'node_modules'), link, 'dir');
  // The app's data set lives beside src/ (seeding is off in the benchmark, but paths resolve).
  const dataLink = join(outDir, 'data');
  if (!existsSync(dataLink)) symlinkSync(join(REPO_DIR, 'data'), dataLink, 'dir');
  return { files, ms: nowMs() - started };
}

// ------------------------------------------------------------------ the server process

export interface Server {
  readonly port: number;
  readonly process: ChildProcess;
  readonly url: string;
  /** Milliseconds from spawn to the first healthy answer (every projection caught up). */
  readonly healthyMs: number;
}

export interface ServerOptions {
  readonly appDir: string;
  readonly dataDir: string;
  readonly port: number;
  readonly logFile: string;
  readonly env?: Record<string, string>;
  /** Extra node flags (e.g. --cpu-prof, to profile the server). */
  readonly nodeArgs?: string[];
  readonly timeoutMs?: number;
}

interface HealthBody {
  status: string;
  projections: Array<{ caughtUp: boolean; lag: string | null; error: string | null }>;
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`);
    if (res.status !== 200) return false;
    const body = (await res.json()) as HealthBody;
    return body.status === 'ok' && body.projections.every((p) => p.caughtUp && p.lag === '0');
  } catch {
    return false;
  }
}

export async function startServer(options: ServerOptions): Promise<Server> {
  const url = `http://127.0.0.1:${options.port}`;
  if (await healthy(url)) throw new Error(`port ${options.port} already serves a registry`);
  const log = openSync(options.logFile, 'a');
  const started = nowMs();
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), join(options.appDir, 'src', 'main.js')],
    {
      cwd: options.appDir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: 'production',
        PORT: String(options.port),
        REGISTRY_DATA_DIR: options.dataDir,
        REGISTRY_SEED: 'none',
        SQLITE_SYNCHRONOUS: 'FULL',
        // The per-client rate limit (1,000 requests a minute by default) would answer the load
        // generator 429: switched off for the benchmark, and said so in the results.
        REGISTRY_RATE_LIMIT: '0',
        ...options.env,
      },
      stdio: ['ignore', log, log],
    },
  );
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  const deadline = started + (options.timeoutMs ?? 300_000);
  for (;;) {
    if (exited !== undefined)
      throw new Error(`registry exited with ${exited} (see ${options.logFile})`);
    if (await healthy(url)) break;
    if (nowMs() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `registry not healthy after ${options.timeoutMs} ms (see ${options.logFile})`,
      );
    }
    await sleep(10);
  }
  return { port: options.port, process: child, url, healthyMs: nowMs() - started };
}

export async function stopServer(server: Server): Promise<void> {
  const child = server.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Peak and current resident memory of a process, from /proc (MB). */
export function memoryOf(pid: number): { peakRssMb: number; rssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string): number =>
    Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { peakRssMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the server is idle again: a load generator that stops leaves the requests it sent
 * being computed (a slow list at 1M events keeps the process busy long after the client gave up),
 * and the next measure must not pay for them. Idle: three /health answers in a row under 50 ms.
 */
export async function drain(url: string, timeoutMs = 600_000): Promise<number> {
  const started = nowMs();
  let fast = 0;
  while (fast < 3 && nowMs() - started < timeoutMs) {
    const t = nowMs();
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(timeoutMs) });
      await res.arrayBuffer();
      fast = nowMs() - t < 50 ? fast + 1 : 0;
    } catch {
      fast = 0;
    }
    if (fast < 3) await sleep(20);
  }
  return nowMs() - started;
}

/** CPU time (ms) the process has used so far, from /proc (utime + stime, in clock ticks). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // After "pid (comm) ": state is field 0, utime field 11, stime field 12 (clock ticks of 10 ms).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Waits until the process does no background work: under 10% of a core over each of three
 * half-seconds in a row. After a first start the automatic sealer reads the whole log in the
 * background (yielding, so /health stays fast): the measures that follow must not share the CPU
 * with it. Returns the milliseconds waited.
 */
export async function settle(pid: number, timeoutMs = 600_000): Promise<number> {
  const started = nowMs();
  let quiet = 0;
  let cpu = cpuMsOf(pid);
  while (quiet < 3 && nowMs() - started < timeoutMs) {
    await sleep(500);
    const now = cpuMsOf(pid);
    quiet = now - cpu < 50 ? quiet + 1 : 0;
    cpu = now;
  }
  return nowMs() - started;
}

// ------------------------------------------------------------------ keys (auth, when it exists)

/**
 * Writes require an API key once src/auth/ is there: create a recorder key with the CLI
 * (`keys create --name <name> --role recorder`, which prints the key alone on stdout) in the data
 * folder, and send it as `Authorization: Bearer <key>`. Without src/auth/, writes are anonymous.
 */
export function recorderKey(
  appDir: string,
  dataDir: string,
  name: string,
): { key?: string; note: string } {
  if (!existsSync(join(REPO_DIR, 'src', 'auth'))) {
    return {
      note: 'no src/auth/ in this checkout: writes ran unauthenticated (actor "anonymous")',
    };
  }
  const cli = join(appDir, 'src', 'cli', 'main.js');
  const env = { ...process.env, REGISTRY_DATA_DIR: dataDir, REGISTRY_SEED: 'none' };
  const args = ['keys', 'create', '--name', name, '--role', 'recorder'];
  const created = spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8' });
  const key = `${created.stdout}`.trim();
  if (created.status !== 0 || !key || /\s/.test(key)) {
    return {
      note: `\`cli ${args.join(' ')}\` failed: ${`${created.stderr}`.trim().slice(0, 300)}`,
    };
  }
  return {
    key,
    note: `writes sent a recorder API key (\`cli keys create --role recorder\`) as Authorization: Bearer`,
  };
}

// ------------------------------------------------------------------ load

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AutocannonRequest) => AutocannonRequest;
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number; average: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}

type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

export interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  readonly durationS: number;
  /** Builds each request: called once per request sent. */
  readonly next: () => {
    method?: string;
    path: string;
    body?: string;
    headers?: Record<string, string>;
  };
  readonly timeoutS?: number;
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const autocannon = benchRequire('autocannon') as Autocannon;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationS,
    timeout: options.timeoutS ?? 30,
    requests: [
      {
        setupRequest: (req: AutocannonRequest): AutocannonRequest => {
          const next = options.next();
          return {
            ...req,
            method: next.method ?? 'GET',
            path: next.path,
            body: next.body,
            headers: {
              ...(next.body ? { 'content-type': 'application/json' } : {}),
              ...next.headers,
            },
          };
        },
      },
    ],
  });
  const ok = result['2xx'];
  return {
    requestsPerSecond: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** Paths handed to the latency client per measure (taken in turn, again from the first if more are asked). */
const LATENCY_PATHS = 20_000;

export interface Latency {
  p50: number;
  p99: number;
  requests: number;
  failures: number;
}

/**
 * Sequential latency (one request at a time): what a query costs, without queueing. `measure`
 * runs until `minRequests` have answered and `minMs` has passed, or `maxMs` has; the paths are
 * `next()`'s, drawn before the run.
 *
 * The client (`latency-client.cjs`) is node:http on one kept-alive socket, the body drained and
 * dropped, as autocannon does, in a process of its own (forked once, kept warm across measures)
 * so that only its own few MB of heap are collected while it measures. Until the seventh session
 * it was `fetch` with an `AbortSignal.timeout` per request, in this process: ~50 young
 * collections of 2-3 ms per 3,000 requests coincided with 26-31 of the ~30 slowest answers (p99
 * 3.3-4.3 ms against 0.8-1.4 ms with node:http on the same server); and in this process even
 * node:http saw full collections every ~200 ms in some runs at 1M (external memory pressure from
 * the response buffers), p99 6-9 ms. A client started afresh for each run was slow itself for
 * its first second or two (p99 ~2.5 ms at 10k), hence one kept for all the runs.
 */
export function latencyClient(): {
  measure(
    url: string,
    next: () => string,
    limits: { minRequests: number; minMs: number; maxMs: number },
  ): Promise<Latency>;
  close(): void;
} {
  // No flags of this process (its TypeScript loader, a --cpu-prof): a plain, small node.
  const child = fork(join(BENCH_DIR, 'lib', 'latency-client.cjs'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [],
  });
  let exited = false;
  let failure: Error | undefined;
  child.on('exit', () => (exited = true));
  child.on('error', (error) => (failure = error));
  return {
    measure(url, next, limits) {
      if (exited || failure) {
        return Promise.reject(failure ?? new Error('the latency client has exited'));
      }
      const paths = Array.from({ length: LATENCY_PATHS }, next);
      return new Promise((resolve, reject) => {
        const onMessage = (message: { result?: Latency; error?: string }): void => {
          child.off('exit', onExit);
          if (message.error !== undefined || !message.result) {
            reject(new Error(`the latency client failed: ${message.error}`));
            return;
          }
          const { p50, p99, requests, failures } = message.result;
          resolve({ p50: p50 ?? NaN, p99: p99 ?? NaN, requests, failures });
        };
        const onExit = (code: number | null): void => {
          child.off('message', onMessage);
          reject(new Error(`the latency client exited with ${code}`));
        };
        child.once('exit', onExit);
        child.once('message', onMessage);
        child.send({ url, paths, ...limits }, (error) => {
          if (!error) return;
          child.off('exit', onExit);
          child.off('message', onMessage);
          reject(error);
        });
      });
    },
    close() {
      if (!exited) child.kill();
    },
  };
}

// ------------------------------------------------------------------ the HTTP limit

/** A bare Fastify (bench/node_modules/fastify, the version NestJS uses) answering `body` on the detail route. */
export async function startBareFastify(
  port: number,
  body: string,
  workDir: string,
): Promise<ChildProcess> {
  const bodyFile = join(workDir, 'bare-fastify-body.json');
  writeFileSync(bodyFile, body);
  const child = spawn(
    process.execPath,
    [join(BENCH_DIR, 'lib', 'bare-fastify.cjs'), String(port), bodyFile],
    {
      cwd: BENCH_DIR,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}/api/field-operations/x`;
  // Fastify loads in ~1 s, several times that on a busy machine.
  for (let i = 0; i < 3000; i++) {
    try {
      if ((await fetch(url)).status === 200) return child;
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
  child.kill('SIGKILL');
  throw new Error('bare Fastify did not start');
}
