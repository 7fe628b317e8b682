/**
 * A deterministic, OSCE-shaped workload: the registry's own event types and data shapes
 * (src/field-operations/domain/events.ts, src/decisions/domain/decision.ts,
 * src/participating-states/domain/events.ts), wrapped by the registry's own envelope
 * (src/shared/application/envelope.ts: deterministic ids, metadata, hash chain).
 *
 * The log it produces is what an importer of decades of decisions records: the participating
 * States first, then field operations whose lives interleave (about 60 open at any time in the
 * log, as in the OSCE's history): establishment with a mandate, a head, a yearly mandate extension
 * decided by the Permanent Council, renames, new heads, notes, and for most a closure (often
 * replaced by a successor that names it). Every decision is its own stream (`decision-pc-dec-<n>`,
 * one DecisionRecorded event) recorded in the same command as its effects.
 *
 * Everything is a pure function of the seed: the same seed gives the same bytes, so a 10k dataset
 * is the first 10k events of the 100k one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DecisionRecorded, EffectAction } from '../../src/decisions/domain/decision';
import type { EventToAppend } from '../../src/event-store/event-store.port';
import {
  CLOSURE_REASONS,
  type Closed,
  type Established,
  type HeadAppointed,
  type MandateAgreed,
  type MandateExtended,
  NOTE_CATEGORIES,
  type NoteRecorded,
  type Renamed,
  streamOfOperation,
  typeOf,
} from '../../src/field-operations/domain/events';
import { type Kind, kindLabel, KINDS } from '../../src/field-operations/domain/kinds';
import type { Provenance } from '../../src/field-operations/domain/provenance';
import {
  STATE_ADMITTED,
  type StateAdmitted,
  streamOfState,
} from '../../src/participating-states/domain/events';
import { envelope } from '../../src/shared/application/envelope';
import type { CommandContext } from '../../src/shared/application/command-context';
import { slugOfReference } from '../../src/shared/domain/slug';

/** mulberry32: small, fast, good enough for a workload, and the same everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Rng {
  (): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  uuid(): string;
}

export function rng(seed: number): Rng {
  const next = prng(seed);
  const r = (() => next()) as Rng;
  r.int = (min, max) => min + Math.floor(next() * (max - min + 1));
  r.pick = (items) => items[Math.floor(next() * items.length)];
  r.chance = (p) => next() < p;
  r.uuid = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Math.floor(next() * 4)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
  return r;
}

/** One event as the store receives it, with the stream revision it is written at. */
export interface WorkloadEvent {
  readonly stream: string;
  readonly revision: bigint;
  readonly event: EventToAppend;
}

/** One command of the log: the events of one or more streams, recorded together. */
export interface WorkloadCommand {
  readonly streams: ReadonlyArray<{
    readonly stream: string;
    /** What the stream must look like: `no_stream` or the revision before the first event. */
    readonly expected: 'no_stream' | bigint;
    readonly events: readonly WorkloadEvent[];
  }>;
}

/** What the HTTP benchmarks need to know about the generated registry. */
export interface OperationInfo {
  readonly id: string;
  /** The instant its establishment was recorded (simulated clock, epoch ms). */
  recordedAtMs: number;
  establishedYear: number;
  closed: boolean;
  hasMandate: boolean;
}

interface SeedData {
  states: Array<{ id: string; name: string; admittedOn: string }>;
  seats: Array<{ seat: string; host: string }>;
}

function seedData(): SeedData {
  const root = join(__dirname, '..', '..', 'data', 'osce');
  const states = (
    JSON.parse(readFileSync(join(root, 'participating-states.json'), 'utf8')) as {
      items: Array<{ id: string; name: string; signatures?: Record<string, string | null> }>;
    }
  ).items.map((s) => ({
    id: s.id,
    name: s.name,
    admittedOn: s.signatures?.helsinkiFinalAct ?? s.signatures?.charterOfParis ?? '1992-01-30',
  }));
  const seats: SeedData['seats'] = [];
  const ops = (
    JSON.parse(readFileSync(join(root, 'field-operations.json'), 'utf8')) as {
      items: Array<{
        events: Array<{ action: string; data: { seat?: string | null; hostStates?: string[] } }>;
      }>;
    }
  ).items;
  for (const op of ops) {
    const est = op.events.find((e) => e.action === 'establish');
    const seat = est?.data.seat;
    const host = est?.data.hostStates?.[0];
    if (seat && host && states.some((s) => s.id === host)) seats.push({ seat, host });
  }
  return { states, seats };
}

const WORDS = (
  'mandate democratization rule law human rights institutions electoral reform police assistance ' +
  'border management confidence security building dialogue civil society media freedom minorities ' +
  'reconciliation monitoring reporting ceasefire observation economic environmental activities ' +
  'anti-trafficking anti-corruption good governance judicial legislative property return refugees ' +
  'displaced persons co-operation host government authorities projects implementation support'
).split(' ');

const HEAD_FIRST = [
  'Anna',
  'Jan',
  'Maria',
  'Henrik',
  'Elena',
  'Pierre',
  'Ingrid',
  'Tomas',
  'Sofia',
  'Marco',
  'Karin',
  'Andreas',
];
const HEAD_LAST = [
  'Lindqvist',
  'Novak',
  'Moretti',
  'Schmidt',
  'Dubois',
  'Kowalski',
  'Andersen',
  'Horvath',
  'Costa',
  'Virtanen',
];

const SIMULATED_START_MS = Date.UTC(2025, 0, 1);

/** Text of roughly `words` words, from the workload's vocabulary. */
function text(r: Rng, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(r.pick(WORDS));
  const s = out.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}

function provenance(r: Rng, aspect: string): Provenance {
  const sources = Array.from(
    { length: r.int(1, 3) },
    () =>
      `https://www.osce.org/${r.pick(['pc', 'mc', 'odihr', 'secretariat'])}/${r.int(1000, 599999)}`,
  );
  return {
    sources,
    confidence: r.chance(0.7)
      ? { [aspect]: r.pick(['high', 'medium', 'low (single secondary source)']) }
      : {},
    conflicts: r.chance(0.08)
      ? [
          {
            field: aspect,
            values: [`${r.int(1992, 2024)}`, `${r.int(1992, 2024)}`],
            resolution: 'the decision text wins',
          },
        ]
      : [],
    notes: r.chance(0.3) ? [text(r, r.int(6, 18))] : [],
  };
}

const day = (year: number, r: Rng): string =>
  `${year}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;

type Fact = { type: string; data: unknown };

/**
 * Keeps an event within 300-1000 bytes as stored: the envelope's metadata takes about 420-440
 * bytes (ids, instant, reason, the two hashes), so data is held to 560 by dropping provenance
 * notes and conflicts, extra sources, then words of free text.
 */
const MAX_DATA_BYTES = 560;

function fit(fact: Fact): Fact {
  const data = fact.data as {
    provenance?: Provenance | null;
    summary?: string;
    text?: string;
  };
  for (let guard = 0; guard < 200 && JSON.stringify(data).length > MAX_DATA_BYTES; guard++) {
    const p = data.provenance;
    if (p && p.notes.length > 0) p.notes = [];
    else if (p && p.conflicts.length > 0) p.conflicts = [];
    else if (p && p.sources.length > 1) p.sources.pop();
    else if (data.summary && data.summary.length > 40) data.summary = shortenWords(data.summary);
    else if (data.text && data.text.length > 40) data.text = shortenWords(data.text);
    else break;
  }
  return fact;
}

const shortenWords = (s: string): string => `${s.slice(0, s.lastIndexOf(' ', s.length - 2))}.`;

/** The facts of one command on one operation, and the decision (if any) that decides them. */
interface Step {
  decision?: { action: EffectAction };
  facts: (reference: string | null) => Fact[];
  /** Marks the operation closed once the step is recorded. */
  closes?: boolean;
}

/** One field operation's life, step by step (each step one command). */
function* operationLife(
  r: Rng,
  id: string,
  kind: Kind,
  host: { seat: string; host: string },
  predecessors: string[],
  plan: Plan,
  successorId: () => string,
): Generator<Step, void, undefined> {
  const operationId = id;
  const { year, lastYear, closes } = plan;
  const establishedOn = day(year, r);
  const name = `OSCE ${kindLabel(kind)} in ${host.seat}`;
  yield {
    decision: { action: 'establish' },
    facts: (decision) => [
      {
        type: typeOf('established', kind),
        data: {
          operationId,
          name,
          kind,
          hostStates: [host.host],
          seat: host.seat,
          establishedOn,
          decision,
          sourceUrl: `https://www.osce.org/pc/${r.int(1000, 99999)}`,
          predecessors,
          provenance: provenance(r, 'established'),
        } satisfies Established,
      },
      {
        type: typeOf('mandate-agreed', kind),
        data: {
          operationId,
          decision,
          effectiveFrom: establishedOn,
          summary: text(r, r.int(12, 40)),
          until: `${year}-12-31`,
          provenance: provenance(r, 'mandate'),
        } satisfies MandateAgreed,
      },
    ],
  };
  let currentKind = kind;
  let currentName = name;
  yield {
    facts: () => [
      {
        type: typeOf('head-appointed', currentKind),
        data: {
          operationId,
          name: `${r.pick(HEAD_FIRST)} ${r.pick(HEAD_LAST)}`,
          from: establishedOn.slice(0, 7),
          provenance: provenance(r, 'head'),
        } satisfies HeadAppointed,
      },
    ],
  };
  for (let y = year + 1; y <= lastYear; y++) {
    yield {
      decision: { action: 'extend-mandate' },
      facts: (decision) => [
        {
          type: typeOf('mandate-extended', currentKind),
          data: {
            operationId,
            decision: decision!,
            until: `${y}-12-31`,
            ...(r.chance(0.5) ? { provenance: provenance(r, 'extension') } : {}),
          } satisfies MandateExtended,
        },
      ],
    };
    if (r.chance(0.25)) {
      yield {
        facts: () => [
          {
            type: typeOf('head-appointed', currentKind),
            data: {
              operationId,
              name: `${r.pick(HEAD_FIRST)} ${r.pick(HEAD_LAST)}`,
              from: `${y}-${String(r.int(1, 12)).padStart(2, '0')}`,
              provenance: provenance(r, 'head'),
            } satisfies HeadAppointed,
          },
        ],
      };
    }
    if (r.chance(0.04)) {
      const newKind = r.pick(KINDS);
      currentKind = newKind;
      currentName = `OSCE ${kindLabel(newKind)} in ${host.seat}`;
      const renamed = currentName;
      yield {
        decision: { action: 'rename' },
        facts: (decision) => [
          {
            type: typeOf('renamed', newKind),
            data: {
              operationId,
              name: renamed,
              kind: newKind,
              effectiveOn: day(y, r),
              decision,
              provenance: provenance(r, 'name'),
            } satisfies Renamed,
          },
        ],
      };
    }
    if (r.chance(0.06)) {
      yield {
        facts: () => [
          {
            type: typeOf('note-recorded', currentKind),
            data: {
              operationId,
              on: day(y, r),
              category: r.pick(NOTE_CATEGORIES),
              text: text(r, r.int(8, 30)),
              decision: null,
              provenance: provenance(r, 'note'),
            } satisfies NoteRecorded,
          },
        ],
      };
    }
  }
  if (closes) {
    const replaced = plan.replaced;
    const successors = replaced ? [successorId()] : [];
    yield {
      decision: { action: 'close' },
      closes: true,
      facts: (decision) => [
        {
          type: typeOf('closed', currentKind),
          data: {
            operationId,
            closedOn: `${lastYear}-12-31`,
            reason: replaced ? 'replaced' : r.pick(CLOSURE_REASONS.filter((c) => c !== 'replaced')),
            decision,
            successors,
            provenance: provenance(r, 'closure'),
          } satisfies Closed,
        },
      ],
    };
  }
}

/** When an operation is established and how its life ends. */
interface Plan {
  year: number;
  lastYear: number;
  closes: boolean;
  /** Closed as replaced: a successor naming it is established the year after. */
  replaced: boolean;
}

function plan(r: Rng, from?: number): Plan {
  const year = from ?? r.int(1992, 2023);
  const lastYear = Math.min(2026, year + r.int(3, 30));
  const closes = lastYear < 2026 && r.chance(0.8);
  return { year, lastYear, closes, replaced: closes && lastYear < 2025 && r.chance(0.3) };
}

interface Live {
  id: string;
  plan: Plan;
  life: Generator<Step, void, undefined>;
  info: OperationInfo;
  host: { seat: string; host: string };
  /** Successor named at closure, established next in its place. */
  successor?: string;
}

export interface WorkloadOptions {
  readonly seed?: number;
  /** Field operations open at once in the log (their commands interleave). */
  readonly concurrentOperations?: number;
}

/**
 * The log as commands, stopping after exactly `total` events (the last command may be cut
 * short: a decision recorded before its effects is still a consistent log). `operations`
 * receives every operation as it is established, for the read benchmarks.
 */
export function* workload(
  total: number,
  options: WorkloadOptions = {},
  operations?: (info: OperationInfo) => void,
): Generator<WorkloadCommand, void, undefined> {
  const r = rng(options.seed ?? 1975);
  const data = seedData();
  const heads = new Map<string, { revision: bigint; hash: string }>();
  let emitted = 0;
  let clock = SIMULATED_START_MS;
  let decisions = 0;
  let opCounter = 0;

  const context = (): CommandContext => {
    const correlationId = r.uuid();
    return {
      actor: r.chance(0.8) ? 'importer' : `recorder-${r.int(1, 12)}`,
      correlationId,
      causationId: correlationId,
      ...(r.chance(0.5)
        ? { reason: `Import of the Permanent Council journal, batch ${r.int(1, 400)}` }
        : {}),
    };
  };

  /** Envelopes one command's facts per stream, chaining each stream's hashes. */
  const command = (
    parts: Array<{ stream: string; facts: Fact[] }>,
    keepHead: (stream: string) => boolean,
  ): WorkloadCommand | undefined => {
    if (emitted >= total) return undefined;
    clock += r.int(500, 30_000);
    const recordedAt = new Date(clock);
    const ctx = context();
    const streams: Array<WorkloadCommand['streams'][number]> = [];
    for (const part of parts) {
      const room = total - emitted;
      if (room <= 0) break;
      const facts = part.facts.slice(0, room).map(fit);
      const head = heads.get(part.stream);
      const expected = head ? head.revision : ('no_stream' as const);
      const events = envelope(part.stream, expected, facts, ctx, {
        recordedAt,
        previousHash: head?.hash,
      });
      const base = head ? head.revision + 1n : 0n;
      streams.push({
        stream: part.stream,
        expected,
        events: events.map((event, i) => ({
          stream: part.stream,
          revision: base + BigInt(i),
          event,
        })),
      });
      emitted += events.length;
      const last = events[events.length - 1];
      if (keepHead(part.stream)) {
        heads.set(part.stream, {
          revision: base + BigInt(events.length - 1),
          hash: last.metadata.hash,
        });
      }
    }
    return { streams };
  };

  // The participating States, admitted one command each.
  for (const state of data.states) {
    const admitted: StateAdmitted = {
      stateId: state.id,
      name: state.name,
      admittedOn: state.admittedOn,
      provenance: provenance(r, 'admission'),
    };
    const c = command(
      [{ stream: streamOfState(state.id), facts: [{ type: STATE_ADMITTED, data: admitted }] }],
      () => false,
    );
    if (!c) return;
    yield c;
  }

  const open: Live[] = [];
  const start = (predecessor?: Live): void => {
    const host = predecessor ? predecessor.host : r.pick(data.seats);
    const kind = r.pick(KINDS);
    const id = predecessor?.successor ?? `${kind}-in-${slugOfReference(host.seat)}-${++opCounter}`;
    const live: Live = {
      id,
      host,
      plan: plan(r, predecessor ? predecessor.plan.lastYear + 1 : undefined),
      life: undefined as unknown as Live['life'],
      info: { id, recordedAtMs: 0, establishedYear: 0, closed: false, hasMandate: false },
    };
    live.life = operationLife(
      r,
      id,
      kind,
      host,
      predecessor ? [predecessor.id] : [],
      live.plan,
      () => {
        live.successor = `${kind}-in-${slugOfReference(host.seat)}-${++opCounter}`;
        return live.successor;
      },
    );
    open.push(live);
  };
  const concurrent = options.concurrentOperations ?? 60;
  while (open.length < concurrent) start();

  for (;;) {
    const i = Math.floor(r() * open.length);
    const live = open[i];
    const step = live.life.next();
    if (step.done) {
      open.splice(i, 1);
      heads.delete(streamOfOperation(live.id));
      // A replaced operation's successor is established in its place; otherwise a new one.
      start(live.successor ? live : undefined);
      continue;
    }
    const s = step.value;
    const stream = streamOfOperation(live.id);
    let reference: string | null = null;
    const parts: Array<{ stream: string; facts: Fact[] }> = [];
    if (s.decision) {
      reference = `PC.DEC/${++decisions}`;
      const recorded: DecisionRecorded = {
        decisionId: slugOfReference(reference),
        reference,
        body: 'permanent-council',
        adoptedOn: '2000-01-01',
        title: `Decision on the ${s.decision.action.replace(/-/g, ' ')} of the ${live.id.replace(/-\d+$/, '').replace(/-/g, ' ')}`,
        sourceUrl: `https://www.osce.org/pc/${r.int(1000, 599999)}`,
        effects: [{ action: s.decision.action, operation: live.id }],
      };
      parts.push({
        stream: `decision-${recorded.decisionId}`,
        facts: [{ type: 'DecisionRecorded', data: recorded }],
      });
    }
    const facts = s.facts(reference);
    if (s.decision) {
      // The decision adopted on the date of its first effect, as the Permanent Council does.
      const d = parts[0].facts[0].data as DecisionRecorded;
      const first = facts[0].data as {
        establishedOn?: string;
        effectiveOn?: string;
        closedOn?: string;
        until?: string;
      };
      d.adoptedOn =
        first.establishedOn ??
        first.effectiveOn ??
        first.closedOn ??
        (first.until ? `${first.until.slice(0, 4)}-12-15` : d.adoptedOn);
    }
    parts.push({ stream, facts });
    const c = command(parts, (name) => name === stream);
    if (!c) return;
    if (s.decision?.action === 'establish') {
      live.info.recordedAtMs = clock;
      live.info.establishedYear = Number(
        ((facts[0].data as Established).establishedOn as string).slice(0, 4),
      );
      live.info.hasMandate =
        facts.length > 1 && c.streams.some((x) => x.stream === stream && x.events.length > 1);
      operations?.(live.info);
    }
    if (s.closes) live.info.closed = true;
    yield c;
  }
}

/** Every event of the log, in log order. */
export function* workloadEvents(
  total: number,
  options: WorkloadOptions = {},
): Generator<WorkloadEvent> {
  for (const c of workload(total, options)) for (const s of c.streams) yield* s.events;
}

/** Bytes of an event as stored: JSON of its data and of its metadata. */
export const eventBytes = (e: EventToAppend): number =>
  Buffer.byteLength(JSON.stringify(e.data)) + Buffer.byteLength(JSON.stringify(e.metadata));

/**
 * The appends of the per-stream measure: ten consecutive events of one field-operation stream per
 * append, in the order their tenth event appears in the log (tails shorter than ten and the
 * one-event decision and State streams are left out), `total` events in all.
 */
export function* tenEventAppends(
  total: number,
  options: WorkloadOptions = {},
): Generator<WorkloadCommand['streams'][number]> {
  const buffers = new Map<string, WorkloadEvent[]>();
  let emitted = 0;
  // The log is generated lazily; 3x covers the tails and decisions left out.
  for (const e of workloadEvents(total * 4, options)) {
    if (!e.stream.startsWith('field-operation-')) continue;
    let buffer = buffers.get(e.stream);
    if (!buffer) buffers.set(e.stream, (buffer = []));
    buffer.push(e);
    if (buffer.length === 10) {
      buffers.delete(e.stream);
      const expected = buffer[0].revision === 0n ? ('no_stream' as const) : buffer[0].revision - 1n;
      yield { stream: e.stream, expected, events: buffer };
      emitted += 10;
      if (emitted >= total) return;
    }
  }
  throw new Error(`workload too short for ${total} events in ten-event appends`);
}
