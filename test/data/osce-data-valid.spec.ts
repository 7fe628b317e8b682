import { DECISION_BODIES } from '../../src/decisions/domain/decision';
import { CLOSURE_REASONS } from '../../src/field-operations/domain/events';
import { isKind } from '../../src/field-operations/domain/kinds';
import { endsBefore, firstDay, isPartialDate } from '../../src/shared/domain/partial-date';
import { isSlug, slugOfReference } from '../../src/shared/domain/slug';
import type { DataEvent, DataRecord } from '../../scripts/osce-data/format';
import { chairpersonships, decisions, manifest, operations, states } from './osce-data';

const stateIds = new Set(states.items.map((s) => s.id));
const operationIds = new Set(operations.map((o) => o.id));
const references = new Set(decisions.map((d) => d.reference));
const files: Array<[string, DataRecord[]]> = [
  ['participating-states.json', states.items],
  ['field-operations.json', operations],
  ['decisions.json', decisions],
  ['chairpersonships.json', chairpersonships],
];
const allEvents = (records: DataRecord[]): Array<[string, DataEvent]> =>
  records.flatMap((r) => r.events.map((e): [string, DataEvent] => [`${r.id} ${e.action}`, e]));

/** Every value under a date-named key in a command body. */
/** Dates a command may leave open (no end yet); any other null date is a declared gap. */
const OPTIONAL_DATES = /^(until|to)$/;
const DATE_KEYS =
  /^(on|establishedOn|effectiveOn|effectiveFrom|until|closedOn|from|to|date|admittedOn|continuedOn|suspendedOn|dissolvedOn|adoptedOn)$/;
function datesIn(value: unknown, path = ''): Array<[string, unknown]> {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]): Array<[string, unknown]> =>
    DATE_KEYS.test(key) && (typeof v === 'string' || v === null)
      ? OPTIONAL_DATES.test(key) && v === null
        ? []
        : [[`${path}/${key}`, v]]
      : datesIn(v, `${path}/${key}`),
  );
}

describe.each(files)('%s: every record', (_file, records) => {
  it('has a unique kebab-case slug id', () => {
    const ids = records.map((r) => r.id);
    expect(ids.filter((id) => !isSlug(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is incomplete exactly when it says why', () => {
    for (const r of records)
      expect([r.id, r.status]).toEqual([r.id, r.incomplete.length ? 'incomplete' : 'complete']);
  });

  it('has only real partial dates, and null only where a gap is declared', () => {
    const bad = allEvents(records).flatMap(([where, e]) =>
      datesIn(e)
        .filter(([, v]) => (v === null ? e.gaps.length === 0 : !isPartialDate(v)))
        .map(([path, v]) => `${where}${path}=${String(v)}`),
    );
    expect(bad).toEqual([]);
  });

  it('keeps at least one source URL on every fact, or declares the missing source', () => {
    const bare = allEvents(records).filter(
      ([, e]) => !e.provenance.sources.some((url) => /^https?:\/\/\S+$/.test(url)),
    );
    expect(bare.filter(([, e]) => !e.gaps.includes('source')).map(([where]) => where)).toEqual([]);
    // The one Chairpersonship the research sources only to "the brief's seed" (no URL).
    expect(bare.map(([where]) => where.split(' ')[0])).toEqual(
      _file === 'chairpersonships.json' ? ['portugal-2002', 'portugal-2002'] : [],
    );
  });

  it('lists its incomplete records in the manifest', () => {
    const listed = manifest.incomplete.filter((i) => i.file === _file).map((i) => i.id);
    expect(listed).toEqual(records.filter((r) => r.status === 'incomplete').map((r) => r.id));
  });
});

describe('field operations', () => {
  const events = operations.flatMap((o) => o.events.map((e) => ({ op: o, e })));

  it('use only the registry kinds', () => {
    const kinds = [
      ...operations.map((o) => o.kind),
      ...events.filter(({ e }) => 'kind' in e.data).map(({ e }) => e.data.kind),
    ];
    expect(kinds.filter((k) => !isKind(k))).toEqual([]);
  });

  it('start with their establishment, end with their closure, in valid-time order', () => {
    for (const o of operations) {
      expect(o.events[0].action).toBe('establish');
      const close = o.events.findIndex((e) => e.action === 'close');
      expect([o.id, close]).toEqual([o.id, close === -1 ? -1 : o.events.length - 1]);
      const days = o.events
        .slice(0, close === -1 ? undefined : -1)
        .flatMap((e) => (e.on ? [firstDay(e.on)] : []));
      expect([o.id, days]).toEqual([o.id, [...days].sort()]);
      const closedOn = o.events[close]?.on;
      if (closedOn) expect(o.events.filter((e) => e.on && endsBefore(closedOn, e.on))).toEqual([]);
    }
  });

  it('name host States that are registered participating States', () => {
    const hosts = events.flatMap(({ e }) => (e.data.hostStates as string[] | undefined) ?? []);
    expect(hosts.length).toBeGreaterThan(operations.length - 1);
    expect(hosts.filter((h) => !stateIds.has(h))).toEqual([]);
  });

  it('link predecessors and successors that exist, both ways', () => {
    for (const o of operations) {
      for (const p of o.predecessors)
        expect([o.id, operation(p).successors]).toEqual([o.id, expect.arrayContaining([o.id])]);
      for (const s of o.successors)
        expect([o.id, operation(s).predecessors]).toEqual([o.id, expect.arrayContaining([o.id])]);
    }
    const linked = events.flatMap(({ e }) => [
      ...((e.data.predecessors as string[] | undefined) ?? []),
      ...((e.data.successors as string[] | undefined) ?? []),
    ]);
    expect(linked.filter((id) => !operationIds.has(id))).toEqual([]);
  });

  it('cite only decisions present in decisions.json', () => {
    const cited = events.flatMap(({ e }) =>
      typeof e.data.decision === 'string' ? [e.data.decision] : [],
    );
    expect(cited.length).toBeGreaterThan(60);
    expect(cited.filter((ref) => !references.has(ref))).toEqual([]);
  });

  it('close only for a registry closure reason', () => {
    const reasons = events.filter(({ e }) => e.action === 'close').map(({ e }) => e.data.reason);
    expect(reasons.filter((r) => !(CLOSURE_REASONS as readonly unknown[]).includes(r))).toEqual([]);
  });

  function operation(id: string) {
    const found = operations.find((o) => o.id === id);
    if (!found) throw new Error(`${id} does not exist`);
    return found;
  }
});

describe('decisions', () => {
  it('have the slug of their reference as id, a known body and are all cited by a record', () => {
    const cited = new Set([...stateIds, ...operationIds]);
    for (const d of decisions) {
      const data = d.events[0].data;
      expect(d.id).toBe(slugOfReference(d.reference));
      expect(data.reference).toBe(d.reference);
      expect(DECISION_BODIES).toContain(data.body);
      expect(d.citedBy.length).toBeGreaterThan(0);
      expect(d.citedBy.filter((c) => !cited.has(c.record))).toEqual([]);
    }
  });
});

describe('participating States and Chairpersonships', () => {
  it('refer to States that exist (successors, continuations, chairs)', () => {
    const refs = states.items.flatMap((s) =>
      s.events.flatMap((e) => [
        ...((e.data.successors as string[] | undefined) ?? []),
        ...(typeof e.data.continuedBy === 'string' ? [e.data.continuedBy] : []),
        ...(typeof e.data.continues === 'string' ? [e.data.continues] : []),
      ]),
    );
    expect(refs.length).toBeGreaterThan(5);
    expect(refs.filter((id) => !stateIds.has(id))).toEqual([]);
    expect(chairpersonships.filter((c) => !stateIds.has(c.state))).toEqual([]);
  });

  it('begin each State with its admission (or the continuation of another State)', () => {
    for (const s of states.items)
      expect([s.id, s.events[0].action]).toEqual([
        s.id,
        expect.stringMatching(/^(admit|continue)$/),
      ]);
  });

  it('give each Chairpersonship a period that does not end before it starts', () => {
    for (const c of chairpersonships)
      expect([c.id, endsBefore(c.to, c.from)]).toEqual([c.id, false]);
  });
});
