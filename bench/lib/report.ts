/**
 * Results: the JSON (bench/results/latest.json or quick.json), the targets of issue 7 computed
 * from the measures, and the generated part of BENCHMARKS.md with its SVG charts.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Machine } from './machine';
import { BENCH_DIR } from './stores';
import { lineChart, type Series } from './svg';

export interface Comparison {
  kind: 'peer' | 'limit';
  name: string;
  median: number;
  min: number;
  max: number;
  runs: number;
  /** Above 1: the registry is faster (rates: registry / other; times: other / registry). */
  ratio: number;
  extra?: Record<string, number>;
}

export interface Measure {
  id: string;
  name: string;
  /** Events in the dataset (or in the sample, for appends). */
  size?: number;
  unit: string;
  better: 'higher' | 'lower';
  median: number;
  min: number;
  max: number;
  runs: number;
  values: number[];
  comparisons?: Comparison[];
  extra?: Record<string, number>;
  note?: string;
  /** The machine's 1-minute load average when the measure finished (it is shared: noise). */
  loadAverage1m?: number;
}

export interface Target {
  name: string;
  target: string;
  value: string;
  /** null: not measured in this run (say so, never claim it). */
  pass: boolean | null;
  size?: number;
}

export interface Results {
  generatedAt: string;
  quick: boolean;
  durationS: number;
  machine: Machine;
  node: string;
  settings: Record<string, unknown>;
  notes: string[];
  measures: Measure[];
  targets: Target[];
}

const label = (size: number | undefined): string =>
  size === undefined ? '' : size >= 1e6 ? `${size / 1e6}M` : `${size / 1e3}k`;
const num = (n: number, digits?: number): string => {
  if (!Number.isFinite(n)) return String(n);
  const d = digits ?? (Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : 2);
  return n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
};

function find(measures: readonly Measure[], id: string, size?: number): Measure | undefined {
  const all = measures.filter((m) => m.id === id && (size === undefined || m.size === size));
  return all.sort((a, b) => (b.size ?? 0) - (a.size ?? 0))[0];
}

const cmp = (m: Measure | undefined, kind: 'peer' | 'limit'): Comparison | undefined =>
  m?.comparisons?.find((c) => c.kind === kind);

/** The targets of issue 7, each from what this run measured (pass null when it did not). */
export function targets(measures: readonly Measure[]): Target[] {
  const out: Target[] = [];
  const ratioTarget = (
    name: string,
    target: string,
    m: Measure | undefined,
    kind: 'peer' | 'limit',
    min: number,
  ): void => {
    const c = cmp(m, kind);
    out.push(
      c && m
        ? {
            name,
            target,
            value: `x${num(c.ratio, 2)} (${num(m.median)} vs ${num(c.median)} ${m.unit})`,
            pass: c.ratio >= min,
            size: m.size,
          }
        : { name, target, value: 'not measured', pass: null },
    );
  };
  const append10 = find(measures, 'append.perStream');
  ratioTarget('store append, 10 per stream, vs Emmett-sqlite', '>= 2.5x', append10, 'peer', 2.5);
  ratioTarget(
    'store append, 10 per stream, vs raw better-sqlite3',
    '>= 70%',
    append10,
    'limit',
    0.7,
  );
  ratioTarget(
    'single-event appends, sequential, vs raw one transaction per event',
    '>= 80%',
    find(measures, 'append.single'),
    'limit',
    0.8,
  );
  ratioTarget(
    'single-event appends, 50 concurrent callers, vs raw one transaction per event',
    '>= 3x',
    find(measures, 'append.concurrent50'),
    'limit',
    3,
  );
  const replayPeer = measures
    .filter((m) => m.id === 'replay' && cmp(m, 'peer'))
    .sort((a, b) => (b.size ?? 0) - (a.size ?? 0))[0];
  ratioTarget('replay vs Emmett global read', '>= 2x', replayPeer, 'peer', 2);
  ratioTarget('replay vs raw scan', '>= 80%', find(measures, 'replay'), 'limit', 0.8);
  const loadPeer = measures
    .filter((m) => m.id === 'aggregateLoad' && cmp(m, 'peer'))
    .sort((a, b) => (b.size ?? 0) - (a.size ?? 0))[0];
  ratioTarget('aggregate load vs Emmett', '>= 5x', loadPeer, 'peer', 5);
  const rebuild1m = find(measures, 'rebuild', 1_000_000);
  const rebuild = rebuild1m ?? find(measures, 'rebuild');
  out.push(
    rebuild
      ? {
          name: 'rebuild of all read models at 1M events',
          target: '>= 50,000 events/s',
          value: `${num(rebuild.median)} events/s${rebuild1m ? '' : ` (at ${label(rebuild.size)}; not measured at 1M)`}`,
          pass: rebuild1m ? rebuild1m.median >= 50_000 : null,
          size: rebuild.size,
        }
      : {
          name: 'rebuild of all read models at 1M events',
          target: '>= 50,000 events/s',
          value: 'not measured',
          pass: null,
        },
  );
  const detail = find(measures, 'http.read.detail');
  ratioTarget('reads over HTTP: operation detail vs bare Fastify', '>= 50%', detail, 'limit', 0.5);
  out.push(
    detail?.extra
      ? {
          name: 'reads over HTTP: operation detail p99 at 50 connections',
          target: '<= 20 ms',
          value: `${num(detail.extra.p99)} ms`,
          pass: detail.extra.p99 <= 20,
          size: detail.size,
        }
      : {
          name: 'reads over HTTP: operation detail p99 at 50 connections',
          target: '<= 20 ms',
          value: 'not measured',
          pass: null,
        },
  );
  for (const [id, what] of [
    ['timeTravel.detail', 'detail'],
    ['timeTravel.list', 'active list'],
  ] as const) {
    const small = find(measures, id, 10_000);
    const large = find(measures, id, 1_000_000);
    out.push(
      small && large
        ? {
            name: `asOf/knownAt ${what} query p99 growth from 10k to 1M events`,
            target: '<= 1.5x',
            value: `x${num(large.median / small.median, 2)} (${num(small.median)} ms -> ${num(large.median)} ms)`,
            pass: large.median / small.median <= 1.5,
            size: 1_000_000,
          }
        : {
            name: `asOf/knownAt ${what} query p99 growth from 10k to 1M events`,
            target: '<= 1.5x',
            value: `not measured at both sizes${small ? ` (p99 ${num(small.median)} ms at 10k)` : ''}`,
            pass: null,
          },
    );
  }
  const cold = find(measures, 'coldStart', 1_000_000);
  const anyCold = find(measures, 'coldStart');
  out.push({
    name: 'cold start at 1M events (time to healthy)',
    target: '<= 2 s',
    value: cold
      ? `${num(cold.median / 1000, 2)} s`
      : anyCold
        ? `${num(anyCold.median / 1000, 2)} s at ${label(anyCold.size)}; not measured at 1M`
        : 'not measured',
    pass: cold ? cold.median <= 2000 : null,
    size: cold?.size,
  });
  const rss = find(measures, 'rss.serving', 1_000_000);
  const anyRss = find(measures, 'rss.serving');
  out.push({
    name: 'RSS while serving at 1M events',
    target: '<= 400 MB',
    value: rss
      ? `${num(rss.median)} MB peak`
      : anyRss
        ? `${num(anyRss.median)} MB at ${label(anyRss.size)}; not measured at 1M`
        : 'not measured',
    pass: rss ? rss.median <= 400 : null,
    size: rss?.size,
  });
  return out;
}

/** Writes the results; BENCHMARKS.md is regenerated from bench/results/{latest,quick}.json. */
export function writeReport(results: Results, out: string): void {
  results.targets = targets(results.measures);
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  if (
    resolve(dirname(out)) === resolve(BENCH_DIR, 'results') &&
    ['latest.json', 'quick.json'].includes(basename(out))
  ) {
    renderBenchmarksMd();
  }
}

// ------------------------------------------------------------------ BENCHMARKS.md

const BEGIN =
  '<!-- bench:results:begin (generated by bench/run.ts from bench/results/*.json; edit outside these markers) -->';
const END = '<!-- bench:results:end -->';

function table(results: Results): string {
  const rows = [
    '| measure | events | registry (median) | min-max (runs) | peer (Emmett-sqlite) | ratio | limit | ratio | load | notes |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const m of results.measures) {
    const peer = cmp(m, 'peer');
    const limit = cmp(m, 'limit');
    const extra = m.extra
      ? Object.entries(m.extra)
          .filter(([k]) =>
            [
              'p50',
              'p99',
              'non2xx',
              'eventsPerStream',
              'peakRssMbAtHealthy',
              'requests',
              'failures',
            ].includes(k),
          )
          .map(([k, v]) => `${k} ${num(v)}`)
          .join(', ')
      : '';
    const limitExtra = limit?.extra ? ` (p99 ${num(limit.extra.p99)} ms)` : '';
    rows.push(
      `| ${m.name} | ${label(m.size)} | ${num(m.median)} ${m.unit} | ${num(m.min)}-${num(m.max)} (${m.runs}) | ${peer ? num(peer.median) : ''} | ${peer ? `x${num(peer.ratio, 2)}` : ''} | ${limit ? num(limit.median) + limitExtra : ''} | ${limit ? `x${num(limit.ratio, 2)}` : ''} | ${m.loadAverage1m === undefined ? '' : num(m.loadAverage1m, 1)} | ${[extra, m.note ?? ''].filter(Boolean).join('; ')} |`,
    );
  }
  return rows.join('\n');
}

function targetTable(results: Results): string {
  return [
    '| target | wanted | measured | at | pass |',
    '| --- | --- | --- | --- | --- |',
    ...results.targets.map(
      (t) =>
        `| ${t.name} | ${t.target} | ${t.value} | ${t.size ? `${label(t.size)} events` : ''} | ${t.pass === null ? 'not measured' : t.pass ? 'PASS' : '**FAIL**'} |`,
    ),
  ].join('\n');
}

function charts(results: Results, prefix: string): string[] {
  const sizes = [
    ...new Set(results.measures.filter((m) => m.size && m.id === 'replay').map((m) => m.size!)),
  ].sort((a, b) => a - b);
  if (sizes.length < 2) return [];
  const seconds = (id: string, pick: (m: Measure) => number | undefined): Series['points'] =>
    sizes
      .map((size) => {
        const m = find(results.measures, id, size);
        const rate = m && pick(m);
        return rate ? { x: size, y: size / rate } : undefined;
      })
      .filter((p): p is { x: number; y: number } => p !== undefined);
  const timeSeries: Series[] = [
    { name: 'replay (registry readAll)', points: seconds('replay', (m) => m.median) },
    {
      name: 'raw scan + JSON.parse (limit)',
      points: seconds('replay', (m) => cmp(m, 'limit')?.median),
    },
    {
      name: 'Emmett readMessagesBatch (peer)',
      points: seconds('replay', (m) => cmp(m, 'peer')?.median),
    },
    { name: 'rebuild, every read model', points: seconds('rebuild', (m) => m.median) },
    { name: 'fill through the port', points: seconds('fill', (m) => m.median) },
  ].filter((s) => s.points.length > 0);
  const latency = (id: string, pick: (m: Measure) => number | undefined): Series['points'] =>
    sizes
      .map((size) => {
        const m = find(results.measures, id, size);
        const y = m && pick(m);
        return y ? { x: size, y } : undefined;
      })
      .filter((p): p is { x: number; y: number } => p !== undefined);
  const latencySeries: Series[] = [
    {
      name: 'detail asOf+knownAt, p99, 1 connection',
      points: latency('timeTravel.detail', (m) => m.median),
    },
    {
      name: 'active list asOf+knownAt, p99, 1 connection',
      points: latency('timeTravel.list', (m) => m.median),
    },
    {
      name: 'active list, a knownAt never asked before, p99, 1 connection',
      points: latency('timeTravel.listFreshKnownAt', (m) => m.median),
    },
    {
      name: 'detail asOf, p99, 50 connections',
      points: latency('http.read.detail', (m) => m.extra?.p99),
    },
    {
      name: 'history, p99, 50 connections',
      points: latency('http.read.history', (m) => m.extra?.p99),
    },
    { name: 'cold start to healthy', points: latency('coldStart', (m) => m.median) },
  ].filter((s) => s.points.length > 0);
  const files: string[] = [];
  if (timeSeries.length > 0) {
    writeFileSync(
      join(BENCH_DIR, 'results', `${prefix}scaling-time.svg`),
      lineChart({
        title: 'Events vs time (seconds, log-log)',
        xLabel: 'events in the log',
        yLabel: 'seconds',
        series: timeSeries,
      }),
    );
    files.push(`${prefix}scaling-time.svg`);
  }
  if (latencySeries.length > 0) {
    writeFileSync(
      join(BENCH_DIR, 'results', `${prefix}scaling-latency.svg`),
      lineChart({
        title: 'Size vs query latency (ms, log-log)',
        xLabel: 'events in the log',
        yLabel: 'milliseconds',
        series: latencySeries,
      }),
    );
    files.push(`${prefix}scaling-latency.svg`);
  }
  return files;
}

function section(title: string, results: Results, chartPrefix: string): string {
  const m = results.machine;
  const files = charts(results, chartPrefix);
  return [
    `### ${title}`,
    '',
    `${results.generatedAt}, ${num(results.durationS, 0)} s. ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB (load average at start ${m.loadAverageAtStart.join(', ')}, at end ${(m.loadAverageAtEnd ?? []).join(', ')}), ${m.os}, Node ${results.node}; disk ${m.disk ?? 'unknown'}.`,
    '',
    ...Object.entries(results.settings).map(
      ([k, v]) => `- ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`,
    ),
    ...results.notes.map((n) => `- note: ${n}`),
    '',
    '#### Targets',
    '',
    targetTable(results),
    '',
    '#### Measures',
    '',
    'Median of the runs, min-max and the number of runs. Ratio above 1: the registry is faster than the peer or the limit (rates: registry / other; times: other / registry).',
    '',
    table(results),
    '',
    ...files.map((f) => `![${f}](bench/results/${f})\n`),
  ].join('\n');
}

export function renderBenchmarksMd(): void {
  const path = join(BENCH_DIR, '..', 'BENCHMARKS.md');
  const read = (name: string): Results | undefined => {
    const file = join(BENCH_DIR, 'results', name);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Results) : undefined;
  };
  const latest = read('latest.json');
  const quick = read('quick.json');
  const parts = [BEGIN, ''];
  if (latest)
    parts.push(
      section(
        `Full run (bench/results/latest.json, sizes ${(latest.settings.sizes as number[]).map(label).join(', ')})`,
        latest,
        '',
      ),
    );
  if (quick)
    parts.push(
      section('Quick run (bench/results/quick.json, `npm run bench -- --quick`)', quick, 'quick-'),
    );
  parts.push(END);
  const generated = parts.join('\n');
  const current = existsSync(path)
    ? readFileSync(path, 'utf8')
    : `# Benchmarks\n\n${BEGIN}\n${END}\n`;
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  const next =
    start >= 0 && end > start
      ? current.slice(0, start) + generated + current.slice(end + END.length)
      : `${current.trimEnd()}\n\n${generated}\n`;
  writeFileSync(path, next);
}
