/**
 * The registry's benchmark: `npm run bench` (10k, 100k and 1M events) or `npm run bench -- --quick`
 * (10k, shorter samples). See BENCHMARKS.md for what each measure is and the latest results.
 *
 * Options: --quick; --sizes 10k,100k,1m; --runs 3; --work-dir <dir>; --no-peer; --no-http;
 * --keep (keep the work folder's datasets); --out <file>; --http-only --sizes <one size>
 * --data-dir <a data folder a run kept> (the HTTP measures alone, on a copy of that folder, merged
 * into --out).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { currentBootId } from '../src/cli/commands/rebuild-marker';
import { streamCopyFile } from '../src/event-store/sqlite/stream-copy';
import { setCurrentReadModelsFile } from '../src/projections/read-model-files';
import {
  buildApp,
  drain,
  type Latency,
  latencyClient,
  load,
  type LoadResult,
  memoryOf,
  recorderKey,
  settle,
  type Server,
  startBareFastify,
  startServer,
  stopServer,
} from './lib/http';
import { machine } from './lib/machine';
import { type Measure, type Results, writeReport } from './lib/report';
import { nowMs, repeat, round, summarize, type Summary } from './lib/stats';
import {
  type Dataset,
  fillPeer,
  cliNodeFlags,
  fillProduct,
  peerConsumer,
  peerLoad,
  peerPerStream,
  peerReplay,
  peerSingle,
  productConcurrent,
  productLoad,
  productStreamCopy,
  productPerStream,
  productRebuild,
  removeReadModels,
  productReplay,
  productSingle,
  rawLoad,
  rawPerStream,
  rawReplay,
  rawSingle,
  removeDb,
  tenEventWorkload,
} from './lib/storage';
import { BENCH_DIR, emmettVersion } from './lib/stores';
import { type OperationInfo, rng, workload, type WorkloadOptions } from './lib/workload';

// ------------------------------------------------------------------ options

interface Options {
  quick: boolean;
  sizes: number[];
  runs: number;
  workDir: string;
  peer: boolean;
  http: boolean;
  keep: boolean;
  out: string;
  seed: number;
  /** Only the HTTP measures, on an existing data folder (--data-dir), merged into --out. */
  httpOnly?: { dataDir: string };
}

function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(s.trim());
  if (!m) throw new Error(`not a size: ${s}`);
  return Math.round(
    Number(m[1]) * (m[2].toLowerCase() === 'k' ? 1e3 : m[2].toLowerCase() === 'm' ? 1e6 : 1),
  );
}

function parseOptions(argv: string[]): Options {
  const has = (flag: string): boolean => argv.includes(flag);
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const quick = has('--quick');
  return {
    quick,
    // Each size once: two runs of one size would share its data folder (and its side-by-side copy).
    sizes: [
      ...new Set((value('--sizes') ?? (quick ? '10k' : '10k,100k,1m')).split(',').map(parseSize)),
    ],
    runs: Math.max(3, Number(value('--runs') ?? 3)),
    workDir: value('--work-dir') ?? join(BENCH_DIR, '.work'),
    peer: !has('--no-peer'),
    http: !has('--no-http'),
    keep: has('--keep'),
    out: value('--out') ?? join(BENCH_DIR, 'results', quick ? 'quick.json' : 'latest.json'),
    seed: Number(value('--seed') ?? 1975),
    httpOnly: has('--http-only') ? { dataDir: value('--data-dir') ?? '' } : undefined,
  };
}

/**
 * Seconds of each HTTP load: 5, or 0.75 in the quick run (which must stay under a minute; each
 * load still has its unrecorded warm-up of half that before it).
 */
const httpSecondsOf = (quick: boolean): number => (quick ? 0.75 : 5);

// ------------------------------------------------------------------ setup

/** Installs a bench package on first use: `npm ci` from its lockfile (`npm install` creates one). */
function ensureInstalled(dir: string, legacyPeerDeps: boolean): void {
  const marker = join(dir, 'node_modules', '.package-lock.json');
  if (existsSync(marker)) return;
  const args = existsSync(join(dir, 'package-lock.json')) ? ['ci'] : ['install'];
  if (legacyPeerDeps) args.push('--legacy-peer-deps');
  args.push('--no-audit', '--no-fund');
  log(
    `installing ${dir} (npm ${args.join(' ')}; emmett-sqlite's sqlite3 compiles from source, ~80 s)`,
  );
  execFileSync('npm', args, { cwd: dir, stdio: 'inherit' });
}

const log = (message: string): void => {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);
};

const fmt = (n: number, digits = 0): string =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : String(n);
const label = (size: number): string => (size >= 1e6 ? `${size / 1e6}M` : `${size / 1e3}k`);

// ------------------------------------------------------------------ measures

const measures: Measure[] = [];

function record(m: Measure): Measure {
  m.loadAverage1m = Math.round(loadavg()[0] * 100) / 100;
  measures.push(m);
  const cmp = (m.comparisons ?? [])
    .map(
      (c) => `${c.kind} ${c.name} ${fmt(c.median, c.median < 100 ? 1 : 0)} (x${fmt(c.ratio, 2)})`,
    )
    .join('; ');
  log(
    `  ${m.name}${m.size ? ` @${label(m.size)}` : ''}: ${fmt(m.median, m.median < 100 ? 2 : 0)} ${m.unit} (${fmt(m.min, m.min < 100 ? 2 : 0)}-${fmt(m.max, m.max < 100 ? 2 : 0)}, ${m.runs} runs)${cmp ? `; ${cmp}` : ''}`,
  );
  return m;
}

function measure(
  id: string,
  name: string,
  unit: string,
  better: 'higher' | 'lower',
  s: Summary,
  extra: Partial<Measure> = {},
): Measure {
  return {
    id,
    name,
    unit,
    better,
    median: s.median,
    min: s.min,
    max: s.max,
    runs: s.runs,
    values: s.values,
    ...extra,
  };
}

/** How the registry compares with another: above 1 means the registry is faster. */
function ratio(better: 'higher' | 'lower', product: number, other: number): number {
  return better === 'higher' ? product / other : other / product;
}

function compare(
  kind: 'peer' | 'limit',
  name: string,
  better: 'higher' | 'lower',
  product: Summary,
  other: Summary,
) {
  return {
    kind,
    name,
    median: other.median,
    min: other.min,
    max: other.max,
    runs: other.runs,
    ratio: ratio(better, product.median, other.median),
  };
}

/**
 * Runs the contenders round-robin (registry, limit, peer, registry, ...) rather than one after
 * the other, so that the load of a shared machine falls on all of them alike.
 */
async function interleaved(
  runs: number,
  contenders: Record<string, ((run: number) => Promise<number> | number) | undefined>,
): Promise<Record<string, Summary>> {
  const values: Record<string, number[]> = {};
  for (let run = 0; run < runs; run++) {
    for (const [name, fn] of Object.entries(contenders)) {
      if (!fn) continue;
      (values[name] ??= []).push(await fn(run));
    }
  }
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, summarize(v)]));
}

// ------------------------------------------------------------------ the run

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = nowMs();
  const { workDir, runs, quick } = options;
  mkdirSync(workDir, { recursive: true });
  mkdirSync(join(BENCH_DIR, 'results'), { recursive: true });
  const workloadOptions: WorkloadOptions = { seed: options.seed };
  const notes: string[] = [];

  ensureInstalled(BENCH_DIR, false);
  if (options.httpOnly) return httpOnly(options, workloadOptions);
  if (options.peer) ensureInstalled(join(BENCH_DIR, 'peer'), true);
  const host = machine(workDir);
  log(
    `machine: ${host.cpuModel}, ${host.cores} cores, ${host.memoryGiB} GiB, load ${host.loadAverageAtStart.join(' ')}; Node ${host.node}`,
  );

  // Sample sizes: the quick run keeps every measure but shortens samples and HTTP durations.
  const appendEvents = quick ? 5_000 : 30_000;
  const singleEvents = quick ? 300 : 1_000;
  const loadStreams = quick ? 300 : 2_000;
  const httpSeconds = httpSecondsOf(quick);
  const consumerMax = quick ? 0 : 10_000;
  const peerMax = 100_000;

  // ---------------------------------------------------------------- appends
  log(
    `appends: ${fmt(appendEvents)} events in ten-event appends; ${fmt(singleEvents)} single-event appends`,
  );
  const appends = tenEventWorkload(appendEvents, workloadOptions);
  const file = join(workDir, 'append.sqlite');
  const synchronous = { product: 0, raw: 0, peer: 0 };
  const perStream = await interleaved(runs, {
    product: async () => {
      const r = await productPerStream(file, appends);
      synchronous.product = r.synchronous;
      return r.eventsPerSecond;
    },
    raw: () => {
      const r = rawPerStream(file, appends);
      synchronous.raw = r.synchronous;
      return r.eventsPerSecond;
    },
    peer: options.peer
      ? async () => {
          const r = await peerPerStream(file, appends);
          synchronous.peer = r.synchronous;
          return r.eventsPerSecond;
        }
      : undefined,
  });
  record(
    measure(
      'append.perStream',
      'store append, 10 events per stream',
      'events/s',
      'higher',
      perStream.product,
      {
        size: appendEvents,
        comparisons: [
          ...(perStream.peer
            ? [compare('peer', 'Emmett-sqlite', 'higher', perStream.product, perStream.peer)]
            : []),
          compare(
            'limit',
            'raw better-sqlite3, one transaction per stream',
            'higher',
            perStream.product,
            perStream.raw,
          ),
        ],
      },
    ),
  );
  const single = await interleaved(runs, {
    product: async () => (await productSingle(file, appends, singleEvents)).eventsPerSecond,
    concurrent: async () =>
      (await productConcurrent(file, appends, singleEvents, 50)).eventsPerSecond,
    raw: () => rawSingle(file, appends, singleEvents).eventsPerSecond,
    peer: options.peer
      ? async () => (await peerSingle(file, appends, singleEvents)).eventsPerSecond
      : undefined,
  });
  record(
    measure(
      'append.single',
      'store append, single events, sequential',
      'events/s',
      'higher',
      single.product,
      {
        size: singleEvents,
        comparisons: [
          ...(single.peer
            ? [compare('peer', 'Emmett-sqlite', 'higher', single.product, single.peer)]
            : []),
          compare(
            'limit',
            'raw better-sqlite3, one transaction per event',
            'higher',
            single.product,
            single.raw,
          ),
        ],
      },
    ),
  );
  record(
    measure(
      'append.concurrent50',
      'store append, single events, 50 concurrent callers',
      'events/s',
      'higher',
      single.concurrent,
      {
        size: singleEvents,
        comparisons: [
          compare(
            'limit',
            'raw better-sqlite3, one transaction per event (sequential)',
            'higher',
            single.concurrent,
            single.raw,
          ),
        ],
      },
    ),
  );
  removeDb(file);

  // ---------------------------------------------------------------- per size
  let app: { dir: string } | undefined;
  let key: { key?: string; note: string } | undefined;
  if (options.http) {
    const dir = join(workDir, 'app');
    const built = buildApp(dir);
    log(`built the registry from src/ into ${dir} (${built.files} files, ${fmt(built.ms)} ms)`);
    app = { dir };
  }

  const completed: number[] = [];
  // With several sizes, time travel is measured at the end with every size's server in turn.
  const sideBySide = options.sizes.length > 1;
  const travelLater: Array<{ size: number; dataset: Dataset }> = [];
  let results: Results | undefined;
  // ---------------------------------------------------------------- results (written after every size)
  function save(partial: boolean): void {
    host.loadAverageAtEnd = loadavg().map((l) => Math.round(l * 100) / 100);
    results = {
      generatedAt: new Date().toISOString(),
      quick,
      durationS: round((nowMs() - started) / 1000, 1),
      machine: host,
      node: process.version,
      settings: {
        sizes: completed,
        ...(partial
          ? {
              partial: `in progress: sizes ${options.sizes.map(label).join(', ')} planned, ${completed.map(label).join(', ') || 'none'} done`,
            }
          : {}),
        runsPerMeasure: runs,
        seed: options.seed,
        durability:
          `SQLite WAL with synchronous=FULL for every store (PRAGMA synchronous read back: registry ${synchronous.product}, raw ${synchronous.raw}` +
          `${options.peer ? `, Emmett ${synchronous.peer}` : ''}; 2 = FULL). Read models and the registry's stream copy (events.streams.sqlite, derived from the log, written after commits outside the append's transaction): synchronous=NORMAL (the registry's setting for derived data).`,
        workload:
          'OSCE-shaped (bench/lib/workload.ts): participating States, then field operations whose lives interleave (establishment with mandate, head, yearly mandate extensions, renames, heads, notes, closures, successors), each decision its own stream; event types and envelope from src/; events 425-1000 bytes',
        appendEvents,
        singleEvents,
        concurrentCallers: 50,
        aggregateLoadStreams: loadStreams,
        httpDurationS: httpSeconds,
        httpConnections: { reads: 50, commands: [10, 50], timeTravel: 1 },
        rebuildRuntime: `each rebuild in a child process with the node flags of \`npm run cli\`, as \`cli rebuild\` runs: ${cliNodeFlags().join(' ') || 'none'} (bench/lib/rebuild-child.ts); its files ${currentBootId() === undefined ? 'in WAL mode (no boot id to be read here)' : 'written in bulk (rollback journal, synchronous=OFF), then flushed (fsync) into WAL mode'}, as \`cli rebuild\` writes them`,
        httpClients:
          'autocannon for the measures at 10 and 50 connections; time travel: one request at a time on one kept-alive node:http socket, bodies drained and dropped, in a process of its own (bench/lib/latency-client.cjs)',
        peer: options.peer
          ? `@event-driven-io/emmett-sqlite ${emmettVersion()} (bench/peer), one shared connection (its fastest setting), synchronous=FULL set on it`
          : 'not run',
        limits:
          "raw better-sqlite3 12.9.0 (the registry's); bare Fastify 5.12.8 (the version @nestjs/platform-fastify uses)",
        server:
          'the registry built from src/ with SWC, run with node, REGISTRY_SEED=none, REGISTRY_RATE_LIMIT=0 (the default 1,000 requests/min per client would answer 429), SQLITE_SYNCHRONOUS=FULL, defaults otherwise (automatic seals every 1,000 events)',
        auth: key ? key.note : 'not run',
      },
      notes,
      measures,
      targets: [],
    };
    writeReport(results, options.out);
  }

  for (const size of options.sizes) {
    log(`dataset ${label(size)}: filling the registry's store through the port`);
    const dir = join(workDir, `data-${label(size)}`);
    rmSync(dir, { recursive: true, force: true });
    const dataset = await fillProduct(dir, size, workloadOptions);
    record(
      measure(
        'fill',
        'fill (multi-stream appends of ~1,000 events through the port; not a target)',
        'events/s',
        'higher',
        summarize([(size / dataset.fillMs) * 1000]),
        {
          size,
          note: 'one run: generating the workload (envelopes, SHA-256 chains) is included',
        },
      ),
    );
    const peerFile = join(workDir, `peer-${label(size)}.sqlite`);
    const withPeer = options.peer && size <= peerMax;
    if (withPeer) {
      const ms = await fillPeer(peerFile, size, workloadOptions);
      log(`  Emmett store filled with the same ${label(size)} events in ${fmt(ms / 1000, 1)} s`);
    } else if (options.peer) {
      notes.push(
        `Emmett was not filled at ${label(size)} (filling it through its API takes ~${fmt(size / 3000 / 60)} min); its read measures stop at ${label(peerMax)}.`,
      );
    }

    // Replay
    const replays = await interleaved(runs, {
      product: () => productReplay(dataset.eventsFile),
      raw: () => rawReplay(dataset.eventsFile),
      peer: withPeer ? () => peerReplay(peerFile) : undefined,
    });
    const replay = replays.product;
    const rawScanRuns = replays.raw;
    const peerReplayRuns = replays.peer;
    record(
      measure('replay', 'replay: readAll in log order, data parsed', 'events/s', 'higher', replay, {
        size,
        comparisons: [
          ...(peerReplayRuns
            ? [
                compare(
                  'peer',
                  'Emmett-sqlite readMessagesBatch (pages of 1,000)',
                  'higher',
                  replay,
                  peerReplayRuns,
                ),
              ]
            : []),
          compare(
            'limit',
            'raw better-sqlite3 scan with JSON.parse',
            'higher',
            replay,
            rawScanRuns,
          ),
        ],
      }),
    );

    // Aggregate load
    const r = rng(options.seed + size);
    const opStreams = dataset.operations.map((o) => `field-operation-${o.id}`);
    const streams = Array.from({ length: Math.min(loadStreams, opStreams.length * 4) }, () =>
      r.pick(opStreams),
    );
    let eventsPerStream = 0;
    const loads = await interleaved(runs, {
      product: async () => {
        const x = await productLoad(dataset.eventsFile, streams);
        eventsPerStream = x.eventsPerSecond / x.streamsPerSecond;
        return x.streamsPerSecond;
      },
      raw: () => rawLoad(dataset.eventsFile, streams).streamsPerSecond,
      peer: withPeer ? async () => (await peerLoad(peerFile, streams)).streamsPerSecond : undefined,
    });
    const loadRuns = loads.product;
    const rawLoadRuns = loads.raw;
    const peerLoadRuns = loads.peer;
    record(
      measure(
        'aggregateLoad',
        'aggregate load: read one stream whole and fold it (random streams)',
        'streams/s',
        'higher',
        loadRuns,
        {
          size,
          extra: {
            streams: streams.length,
            eventsPerStream: round(eventsPerStream, 1),
            // The registry loads streams from its stream copy; the limit reads the log.
            logMb: round(fileMb(dataset.eventsFile), 1),
            streamCopyMb: round(fileMb(streamCopyFile(dataset.eventsFile)), 1),
          },
          comparisons: [
            ...(peerLoadRuns
              ? [compare('peer', 'Emmett-sqlite aggregateStream', 'higher', loadRuns, peerLoadRuns)]
              : []),
            compare(
              'limit',
              'raw better-sqlite3 indexed read of the log with JSON.parse and the same fold',
              'higher',
              loadRuns,
              rawLoadRuns,
            ),
          ],
        },
      ),
    );

    // The stream copy the aggregate load reads: what it costs to make (not a target)
    record(
      measure(
        'streamCopy',
        'stream copy: made from the whole log, as after an upgrade or a bulk import (not a target)',
        'events/s',
        'higher',
        await repeat(runs, () => productStreamCopy(dataset.eventsFile)),
        { size },
      ),
    );

    // Rebuild (the last run's file is served over HTTP)
    let lastRebuild = '';
    const rebuildRuns = await repeat(runs, async (run) => {
      if (lastRebuild) removeReadModels(lastRebuild);
      const x = await productRebuild(
        dataset.eventsFile,
        join(dir, `read-models.bench-${run}.sqlite`),
      );
      lastRebuild = x.file;
      return x.eventsPerSecond;
    });
    const consumerRuns =
      withPeer && size <= consumerMax
        ? await repeat(runs, (run) => peerConsumer(peerFile, run))
        : undefined;
    record(
      measure(
        'rebuild',
        'rebuild: every read model from position 0 into a fresh file',
        'events/s',
        'higher',
        rebuildRuns,
        {
          size,
          comparisons: consumerRuns
            ? [
                compare(
                  'peer',
                  'Emmett-sqlite consumer from the beginning (default pulling, no-op processor)',
                  'higher',
                  rebuildRuns,
                  consumerRuns,
                ),
              ]
            : [],
        },
      ),
    );
    if (withPeer && !options.keep) removeDb(peerFile);

    if (options.http && app) {
      setCurrentReadModelsFile(dir, lastRebuild.split('/').pop()!);
      if (sideBySide) {
        // Time travel runs at the end on a copy made now, before the commands below append
        // ~20,000 decisions (60,000 events) here: on this folder the 10k log would be ~64k by then.
        const copy = `${dir}-time-travel`;
        rmSync(copy, { recursive: true, force: true });
        cpSync(dir, copy, {
          recursive: true,
          filter: (source) => !/[\\/](keys|idempotency)\.sqlite(-wal|-shm)?$/.test(source),
        });
        travelLater.push({
          size,
          dataset: { ...dataset, dir: copy, eventsFile: join(copy, 'events.sqlite') },
        });
      }
      await httpMeasures(
        size,
        dataset,
        app.dir,
        workDir,
        runs,
        httpSeconds,
        notes,
        (k) => (key = k),
        !sideBySide,
      );
    }
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
    completed.push(size);
    save(true);
  }
  if (app && travelLater.length > 0) {
    try {
      const peaks = await timeTravelSideBySide(travelLater, app.dir, workDir, runs, httpSeconds);
      notes.push(
        `Peak RSS of the side-by-side time-travel servers (not the RSS target's process): ${peaks.map(({ size, peakRssMb }) => `${label(size)} ${Math.round(peakRssMb)} MB`).join(', ')}.`,
      );
    } catch (error) {
      notes.push(`The time-travel measures side by side failed: ${String(error)}`);
      log(`time travel side by side failed: ${String(error)}`);
    } finally {
      if (!options.keep) {
        for (const { dataset } of travelLater) {
          rmSync(dataset.dir, { recursive: true, force: true });
        }
      }
    }
  }
  save(false);

  log(`results: ${options.out} (${fmt(results!.durationS)} s)`);
  for (const t of results!.targets) {
    log(
      `  ${t.pass === null ? 'n/a ' : t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${t.value} (target ${t.target})`,
    );
  }
}

// ------------------------------------------------------------------ HTTP

async function httpMeasures(
  size: number,
  dataset: Dataset,
  appDir: string,
  workDir: string,
  runs: number,
  seconds: number,
  notes: string[],
  onKey: (key: { key?: string; note: string }) => void,
  inlineTimeTravel: boolean,
): Promise<void> {
  const port = 3900 + Math.floor(Math.random() * 90);
  const logFile = join(workDir, `server-${label(size)}.log`);
  const key = recorderKey(appDir, dataset.dir, `bench-${label(size)}`);
  onKey(key);
  if (!key.key && existsSync(join(BENCH_DIR, '..', 'src', 'auth'))) notes.push(key.note);
  log(
    `HTTP @${label(size)}: starting the registry (first start on the rebuilt read models; ${key.note})`,
  );
  let server: Server = await startServer({ appDir, dataDir: dataset.dir, port, logFile });
  record(
    measure(
      'http.firstStart',
      'first start on persisted read models (includes the first automatic seal of the whole log, in the background)',
      'ms',
      'lower',
      summarize([server.healthyMs]),
      { size, note: 'one run' },
    ),
  );
  const settledMs = await settle(server.process.pid!);
  record(
    measure(
      'http.firstSeal',
      'first start: time from healthy until the process is idle (the automatic seal of the whole log, in the background)',
      'ms',
      'lower',
      summarize([settledMs]),
      { size, note: 'one run; the HTTP measures below start after it' },
    ),
  );
  // Peak RSS so far after each phase, to tell which one raised it.
  const peakAfter: Record<string, number> = {};
  const notePeak = (phase: string): void => {
    peakAfter[phase] = round(memoryOf(server.process.pid!).peakRssMb, 1);
  };
  notePeak('firstSeal');
  const ops = [...dataset.operations].sort((a, b) => a.recordedAtMs - b.recordedAtMs);
  const knownAtMs = ops[Math.floor(ops.length / 2)].recordedAtMs;
  const knownAt = new Date(knownAtMs).toISOString();
  const knownOps = ops.filter((o) => o.recordedAtMs <= knownAtMs);
  const r = rng(size);
  const asOf = (): string => `${r.int(1995, 2025)}-06-30`;
  const anyOp = (): OperationInfo => r.pick(ops);

  try {
    // Reads at 50 connections
    // The active list last: at 1M events its requests outlive the load by minutes (drained below).
    const reads: Array<[string, string, () => string]> = [
      [
        'http.read.detail',
        'read: operation detail (asOf)',
        () => `/api/field-operations/${anyOp().id}?asOf=${asOf()}`,
      ],
      [
        'http.read.history',
        'read: operation history',
        () => `/api/field-operations/${anyOp().id}/history`,
      ],
      [
        'http.read.detailKnownAt',
        'read: operation detail (asOf, knownAt)',
        () =>
          `/api/field-operations/${r.pick(knownOps).id}?asOf=${asOf()}&knownAt=${encodeURIComponent(knownAt)}`,
      ],
      [
        'http.read.activeList',
        'read: active list (status=active, asOf)',
        () => `/api/field-operations?status=active&asOf=${asOf()}`,
      ],
    ];
    let drainedMs = 0;
    const loadAndDrain = async (options: Parameters<typeof load>[0]): Promise<LoadResult> => {
      const result = await load(options);
      drainedMs = Math.max(drainedMs, await drain(options.url));
      return result;
    };
    const detailBody = await (
      await fetch(`${server.url}/api/field-operations/${ops[0].id}?asOf=2010-06-30`)
    ).text();
    // Unrecorded first second of each load (half a second in the quick run, whose loads last one):
    // JIT compilation, statement preparation and the process's caches warm up on it, for the
    // registry and the bare Fastify alike.
    const warmUpS = Math.min(1, seconds / 2);
    for (const [id, name, next] of reads) {
      const results: LoadResult[] = [];
      drainedMs = 0;
      // The detail's limit, a bare Fastify route answering the same JSON, is asked in turn with
      // the registry (registry, bare, registry, ...), as the store measures alternate, so that the
      // minutes of a shared machine fall on both alike.
      const bareUrl = `http://127.0.0.1:${port + 100}`;
      const bare =
        id === 'http.read.detail'
          ? await startBareFastify(port + 100, detailBody, workDir)
          : undefined;
      const bareLoad = (durationS: number): Promise<LoadResult> =>
        load({
          url: bareUrl,
          connections: 50,
          durationS,
          next: () => ({ path: `/api/field-operations/x` }),
        });
      try {
        const bareRuns: LoadResult[] = [];
        await loadAndDrain({
          url: server.url,
          connections: 50,
          durationS: warmUpS,
          next: () => ({ path: next() }),
        });
        if (bare) await bareLoad(warmUpS);
        for (let run = 0; run < runs; run++) {
          results.push(
            await loadAndDrain({
              url: server.url,
              connections: 50,
              durationS: seconds,
              next: () => ({ path: next() }),
            }),
          );
          if (bare) bareRuns.push(await bareLoad(seconds));
        }
        const s = summarize(results.map((x) => x.requestsPerSecond));
        const extra = { ...httpExtra(results), drainedMs: Math.round(drainedMs) };
        const comparisons: Measure['comparisons'] = bare
          ? [
              {
                ...compare(
                  'limit',
                  `bare Fastify route answering the same JSON (${detailBody.length} bytes)`,
                  'higher',
                  s,
                  summarize(bareRuns.map((x) => x.requestsPerSecond)),
                ),
                extra: httpExtra(bareRuns),
              },
            ]
          : [];
        record(
          measure(id, `${name}, 50 connections`, 'req/s', 'higher', s, {
            size,
            extra,
            comparisons,
          }),
        );
      } finally {
        bare?.kill('SIGTERM');
      }
    }
    notePeak('reads');

    // Time travel here when there is no other size to measure it beside (see `timeTravel`)
    if (inlineTimeTravel) {
      await timeTravel(
        [{ size, url: server.url, travel: travelQueries(size, dataset) }],
        runs,
        seconds,
      );
    }

    // Commands: decisions with effects (extend the mandate and appoint a head of one operation)
    const open = ops.filter((o) => !o.closed && o.hasMandate);
    const auth: Record<string, string> = key.key ? { authorization: `Bearer ${key.key}` } : {};
    // An extension must reach past the mandate's current until (the registry refuses one that
    // does not): each visit to an operation extends it one day further than the last.
    const visits = new Map<string, number>();
    const nextUntil = (id: string): string => {
      const k = visits.get(id) ?? 0;
      visits.set(id, k + 1);
      return new Date(Date.UTC(2030, 11, 31 + k)).toISOString().slice(0, 10);
    };
    let n = 0;
    for (const connections of [10, 50]) {
      const results: LoadResult[] = [];
      for (let run = 0; run < runs; run++) {
        results.push(
          await loadAndDrain({
            url: server.url,
            connections,
            durationS: seconds,
            next: () => {
              const i = n++;
              const op = open[i % open.length];
              return {
                method: 'POST',
                path: '/api/decisions',
                headers: auth,
                body: JSON.stringify({
                  reference: `BENCH/${connections}/${run}/${i}`,
                  body: 'permanent-council',
                  adoptedOn: '2026-06-30',
                  title: `Extension of the mandate of the ${op.id.replace(/-/g, ' ')}`,
                  effects: [
                    { action: 'extend-mandate', operation: op.id, until: nextUntil(op.id) },
                    {
                      action: 'appoint-head',
                      operation: op.id,
                      name: `Head ${i}`,
                      from: '2026-07',
                    },
                  ],
                }),
              };
            },
          }),
        );
      }
      record(
        measure(
          `http.command.c${connections}`,
          `command: decision with two effects (3 events, 2 streams), ${connections} connections`,
          'commands/s',
          'higher',
          summarize(results.map((x) => x.requestsPerSecond)),
          {
            size,
            extra: { ...httpExtra(results), openOperations: open.length },
          },
        ),
      );
      const refused = results.reduce((a, x) => a + x.non2xx, 0);
      if (refused > 0) {
        const sample = await fetch(`${server.url}/api/decisions`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(key.key ? { authorization: `Bearer ${key.key}` } : {}),
          },
          body: JSON.stringify({
            reference: `BENCH/probe/${connections}`,
            body: 'permanent-council',
            adoptedOn: '2026-06-30',
          }),
        });
        notes.push(
          `@${label(size)}, ${connections} connections: ${refused} commands answered non-2xx (conflicts on the same operation answer 409; a probe answered ${sample.status}).`,
        );
      }
    }
    notePeak('commands');
    const serving = memoryOf(server.process.pid!);
    record(
      measure(
        'rss.serving',
        'peak RSS of the serving process (start, reads, commands)',
        'MB',
        'lower',
        summarize([serving.peakRssMb]),
        {
          size,
          note: 'one process: VmHWM; extra: the peak after each phase',
          extra: Object.fromEntries(
            Object.entries(peakAfter).map(([phase, mb]) => [`peakRssMbAfter_${phase}`, mb]),
          ),
        },
      ),
    );
    await stopServer(server);

    // Cold starts on the persisted read models
    const peaks: number[] = [];
    const cold = await repeat(runs, async () => {
      server = await startServer({ appDir, dataDir: dataset.dir, port, logFile });
      peaks.push(memoryOf(server.process.pid!).peakRssMb);
      const ms = server.healthyMs;
      await stopServer(server);
      return ms;
    });
    record(
      measure(
        'coldStart',
        'cold start to healthy (every projection caught up), persisted read models',
        'ms',
        'lower',
        cold,
        { size, extra: { peakRssMbAtHealthy: round(summarize(peaks).median, 1) } },
      ),
    );
  } finally {
    await stopServer(server);
  }
}

const HTTP_MEASURES = /^(http\.|timeTravel\.|rss\.|coldStart)/;

/**
 * `--http-only --sizes 1m --data-dir DIR`: the HTTP measures alone, on a data folder a full run
 * kept (events, rebuilt read models, pointer), replacing that size's HTTP measures in --out.
 */
async function httpOnly(options: Options, workloadOptions: WorkloadOptions): Promise<void> {
  const size = options.sizes[0];
  const kept = options.httpOnly!.dataDir;
  if (!existsSync(join(kept, 'events.sqlite')))
    throw new Error(`--data-dir ${kept} has no events.sqlite`);
  if (!existsSync(options.out))
    throw new Error(
      `--out ${options.out} does not exist: an HTTP-only pass merges into a results file`,
    );
  const previous = JSON.parse(readFileSync(options.out, 'utf8')) as Results;
  // The measures send commands, which extend the same open operations' streams: on the kept
  // folder itself every pass would start from where the last one left and read longer streams.
  // A copy per pass (without the API keys, which the pass mints again) keeps passes comparable.
  const dir = join(options.workDir, `http-only-${label(size)}`);
  rmSync(dir, { recursive: true, force: true });
  log(`copying ${kept} to ${dir}`);
  cpSync(kept, dir, {
    recursive: true,
    filter: (source) => !/[\\/](keys|idempotency)\.sqlite(-wal|-shm)?$/.test(source),
  });
  const operations: OperationInfo[] = [];
  for (const _ of workload(size, workloadOptions, (info) => operations.push(info)));
  const appDir = join(options.workDir, 'app');
  buildApp(appDir);
  const notes: string[] = [];
  const started = nowMs();
  let key: { key?: string; note: string } | undefined;
  const dataset: Dataset = {
    dir,
    eventsFile: join(dir, 'events.sqlite'),
    events: size,
    operations,
    fillMs: 0,
  };
  await httpMeasures(
    size,
    dataset,
    appDir,
    options.workDir,
    options.runs,
    httpSecondsOf(options.quick),
    notes,
    (k) => (key = k),
    true,
  );
  const replaced = previous.measures.filter((m) => m.size === size && HTTP_MEASURES.test(m.id));
  for (const m of measures) m.note = [m.note, 'HTTP-only pass'].filter(Boolean).join('; ');
  previous.measures = [
    ...previous.measures.filter((m) => !(m.size === size && HTTP_MEASURES.test(m.id))),
    ...measures,
  ];
  previous.notes.push(
    ...notes,
    `The HTTP measures at ${label(size)} come from an HTTP-only pass (${new Date().toISOString()}, ${fmt((nowMs() - started) / 1000)} s) on the data folder the full run kept, because in the full run the active-list load left its requests computing for minutes and starved the measures after it (the benchmark now drains between loads and runs the list last). The full run's values, replaced: ${replaced.map((m) => `${m.id} ${fmt(m.median, m.median < 100 ? 2 : 0)} ${m.unit}`).join(', ')}.`,
  );
  if (key) previous.settings.auth = key.note;
  writeReport(previous, options.out);
  log(`merged ${measures.length} HTTP measures at ${label(size)} into ${options.out}`);
  if (!options.keep) rmSync(dir, { recursive: true, force: true });
}

/** The time-travel queries at one size: their ids, names and paths (`next`). */
type TravelQuery = [id: string, name: string, next: () => string];

function travelQueries(size: number, dataset: Dataset): TravelQuery[] {
  const ops = [...dataset.operations].sort((a, b) => a.recordedAtMs - b.recordedAtMs);
  const knownAtMs = ops[Math.floor(ops.length / 2)].recordedAtMs;
  const knownAt = encodeURIComponent(new Date(knownAtMs).toISOString());
  const knownOps = ops.filter((o) => o.recordedAtMs <= knownAtMs);
  const firstRecordedMs = ops.reduce((a, o) => Math.min(a, o.recordedAtMs), Infinity);
  const lastRecordedMs = ops.reduce((a, o) => Math.max(a, o.recordedAtMs), -Infinity);
  const r = rng(size + 1);
  const asOf = (): string => `${r.int(1995, 2025)}-06-30`;
  return [
    [
      'timeTravel.detail',
      'time travel: detail with asOf and knownAt, p99, one connection',
      () => `/api/field-operations/${r.pick(knownOps).id}?asOf=${asOf()}&knownAt=${knownAt}`,
    ],
    [
      'timeTravel.list',
      'time travel: active list with asOf and knownAt, p99, one connection',
      () => `/api/field-operations?status=active&asOf=${asOf()}&knownAt=${knownAt}`,
    ],
    // The registry keeps what is known at an instant between lists that ask for it (one
    // knownAt above): the same list at an instant never asked before, for the cost of a first
    // look (no target; it shows what the kept walks save).
    [
      'timeTravel.listFreshKnownAt',
      'time travel: active list with asOf and a knownAt never asked before, p99, one connection',
      () =>
        `/api/field-operations?status=active&asOf=${asOf()}&knownAt=${encodeURIComponent(new Date(firstRecordedMs + Math.floor(r() * (lastRecordedMs - firstRecordedMs))).toISOString())}`,
    ],
  ];
}

/**
 * Time travel: one request at a time, so the latency is the query's, not the queue's. With
 * several sizes, each size's server is asked in turn (10k, 100k, 1M, 10k, ...) in every run, so
 * that their p99s, whose ratio is a target, come from the same minutes of a shared machine: at
 * well under a millisecond, a p99 measured alone moved by 2x between minutes.
 */
async function timeTravel(
  targets: Array<{ size: number; url: string; travel: TravelQuery[] }>,
  runs: number,
  seconds: number,
): Promise<void> {
  const client = latencyClient();
  try {
    // Warm-up, unrecorded: the client's JIT and socket, and each server's for the queries at the
    // one instant (a server started for this phase has not run them yet: its first seconds of
    // lists had a p99 three times the next ones'). Not the lists at instants never asked before:
    // their pages would only fill the server's caches ahead of the measures at the one instant.
    for (const target of targets) {
      for (const [id, , next] of target.travel) {
        if (id === 'timeTravel.listFreshKnownAt') continue;
        await client.measure(target.url, next, { minRequests: 20, minMs: 1500, maxMs: 3000 });
      }
    }
    for (let q = 0; q < targets[0].travel.length; q++) {
      const samples = targets.map(() => [] as Latency[]);
      for (const target of targets) {
        await client.measure(target.url, target.travel[q][2], {
          minRequests: 20,
          minMs: 200,
          maxMs: 1000,
        });
      }
      for (let run = 0; run < runs; run++) {
        for (const [i, target] of targets.entries()) {
          samples[i].push(
            await client.measure(target.url, target.travel[q][2], {
              minRequests: 20,
              minMs: seconds * 400,
              maxMs: seconds * 2000,
            }),
          );
        }
      }
      for (const [i, target] of targets.entries()) {
        const [id, name] = target.travel[q];
        record(
          measure(id, name, 'ms', 'lower', summarize(samples[i].map((x) => x.p99)), {
            size: target.size,
            extra: {
              p50: round(summarize(samples[i].map((x) => x.p50)).median, 2),
              requests: samples[i].reduce((a, x) => a + x.requests, 0),
              failures: samples[i].reduce((a, x) => a + x.failures, 0),
            },
            note:
              targets.length > 1
                ? `asked in turn with ${targets.map((t) => label(t.size)).join(', ')}`
                : undefined,
          }),
        );
      }
    }
  } finally {
    client.close();
  }
}

/**
 * The time-travel measures of every size, side by side (see `timeTravel`): each size's kept data
 * folder served again, by its own process, once every other measure has run. Returns each
 * server's peak RSS.
 */
async function timeTravelSideBySide(
  kept: Array<{ size: number; dataset: Dataset }>,
  appDir: string,
  workDir: string,
  runs: number,
  seconds: number,
): Promise<Array<{ size: number; peakRssMb: number }>> {
  log(`time travel side by side at ${kept.map((k) => label(k.size)).join(', ')}`);
  const servers: Server[] = [];
  // Consecutive ports from one random base: distinct however many sizes there are.
  const basePort = 4000 + Math.floor(Math.random() * 400);
  try {
    for (const [i, { size, dataset }] of kept.entries()) {
      const server = await startServer({
        appDir,
        dataDir: dataset.dir,
        port: basePort + i,
        logFile: join(workDir, `server-${label(size)}-time-travel.log`),
      });
      servers.push(server);
      await settle(server.process.pid!);
    }
    await timeTravel(
      kept.map(({ size, dataset }, i) => ({
        size,
        url: servers[i].url,
        travel: travelQueries(size, dataset),
      })),
      runs,
      seconds,
    );
    return kept.map(({ size }, i) => ({
      size,
      peakRssMb: memoryOf(servers[i].process.pid!).peakRssMb,
    }));
  } finally {
    for (const server of servers) await stopServer(server);
  }
}

function httpExtra(results: LoadResult[]): Record<string, number> {
  return {
    p50: summarize(results.map((x) => x.p50)).median,
    p99: summarize(results.map((x) => x.p99)).median,
    p99Max: Math.max(...results.map((x) => x.p99)),
    requests: results.reduce((a, x) => a + x.requests, 0),
    non2xx: results.reduce((a, x) => a + x.non2xx, 0),
    errors: results.reduce((a, x) => a + x.errors + x.timeouts, 0),
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/** MiB of an SQLite file with its write-ahead log, if any (0 when absent). */
function fileMb(file: string): number {
  const size = (path: string): number => (existsSync(path) ? statSync(path).size : 0);
  return (size(file) + size(`${file}-wal`)) / 2 ** 20;
}
