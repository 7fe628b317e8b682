import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { decideClose } from '../../src/field-operations/close/close.decide';
import { decideCorrection } from '../../src/field-operations/correct/correct.decide';
import { streamOfOperation } from '../../src/field-operations/domain/events';
import { fold } from '../../src/field-operations/domain/fold';
import type { References } from '../../src/field-operations/domain/references';
import { viewOn } from '../../src/field-operations/domain/view';
import { decideEstablish } from '../../src/field-operations/establish/establish.decide';
import type { StatusFilter } from '../../src/field-operations/read/field-operation-detail';
import { FieldOperationsReader } from '../../src/field-operations/read/field-operations.reader';
import { KnownAtWalks, knownAtWalkQueries } from '../../src/field-operations/read/known-at-walks';
import { decideRename } from '../../src/field-operations/rename/rename.decide';
import { allProjections } from '../../src/projections/all-projections';
import { ProjectionEngine } from '../../src/projections/projection-engine';
import { openReadModelDatabase } from '../../src/projections/read-model-database';
import { recordedMsOf } from '../../src/projections/recorded-metadata';
import { readStream } from '../support/events';
import { record } from '../support/seed-case';

const everythingExists: References = {
  hasState: () => true,
  hasDecision: () => true,
  hasOperation: () => true,
};

const START = Date.parse('2024-01-01T00:00:00.000Z');
const minute = (n: number): number => START + n * 60_000;
const STATUSES: StatusFilter[] = ['active', 'closed', 'not-yet-established', 'all'];
const DAYS = ['1989-12-31', '1994-06-30', '2000-01-01', '2005-06-30', '2010-06-30', '2019-12-31'];

/** A small deterministic generator, so that a failure can be replayed. */
function rng(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor((s / 2147483648) * n);
  };
}

const OPS = Array.from({ length: 40 }, (_, i) => `op-${String((i * 17) % 40).padStart(2, '0')}`);

/**
 * Events of `count` random steps (establish, rename, close, correct a closure's date) on the
 * operations, the n-th recorded at `at(n)`: some in the millisecond of the one before.
 */
async function recordSteps(
  store: SqliteEventStore,
  random: (n: number) => number,
  count: number,
  at: (n: number) => number,
): Promise<void> {
  for (let n = 0; n < count; n++) {
    const id = OPS[random(OPS.length)];
    const stream = streamOfOperation(id);
    const history = await readStream(store, stream);
    const state = history.length > 0 ? fold(history) : undefined;
    const year = 1990 + random(25);
    let events;
    if (!state) {
      events = decideEstablish(
        {
          id,
          name: `Mission ${id}`,
          kind: 'mission',
          hostStates: [random(2) === 0 ? 'albania' : 'belarus'],
          // Some on a day lists are asked about, to try the first day of the activity range.
          establishedOn:
            random(3) === 0 ? DAYS[1 + random(4)] : `${year}-0${1 + random(9)}-1${random(10)}`,
          // Some succeed another (which then lists them as successors once this is known).
          predecessors: random(3) === 0 ? [OPS[random(OPS.length)]].filter((p) => p !== id) : [],
        },
        undefined,
        everythingExists,
      );
    } else if (state.closure) {
      const closure = history.find((e) => e.type.endsWith('Closed'))!;
      const first = Math.max(year, Number(state.establishedOn.slice(0, 4)) + 1);
      const closedOn = `${state.closure.closedOn === `${first}-12-31` ? first + 1 : first}-12-31`;
      events = decideCorrection(
        { operationId: id, corrects: closure.id, changes: { closedOn }, reason: 'Sources' },
        history,
        everythingExists,
      );
    } else if (random(3) === 0) {
      const effectiveOn = `${Number(state.establishedOn.slice(0, 4)) + 1}-01-01`;
      events = decideRename(
        { operationId: id, name: `Renamed ${n}`, effectiveOn },
        state,
        everythingExists,
      );
    } else {
      const closedOn = `${Number(state.establishedOn.slice(0, 4)) + 1 + random(15)}-06-30`;
      events = decideClose(
        { operationId: id, closedOn, reason: 'mandate-expired' },
        state,
        everythingExists,
      );
    }
    await record(store, [{ stream, events }], new Date(at(n)));
  }
}

/** Every operation's events with the instant its version became known (never before the last). */
async function knownHistory(
  store: SqliteEventStore,
): Promise<Map<string, Array<{ event: RecordedEvent; from: number }>>> {
  const histories = new Map<string, Array<{ event: RecordedEvent; from: number }>>();
  for (const id of OPS) {
    let from = 0;
    const events = (await readStream(store, streamOfOperation(id))).map((event) => {
      from = Math.max(from, recordedMsOf(event));
      return { event, from };
    });
    if (events.length > 0) histories.set(id, events);
  }
  return histories;
}

/** The ids a list should answer, by folding each operation's events recorded up to `knownAt`. */
function folded(
  histories: Map<string, Array<{ event: RecordedEvent; from: number }>>,
  asOf: string,
  knownAt: number,
  status: StatusFilter,
): string[] {
  const ids: string[] = [];
  for (const [id, history] of histories) {
    const known = history.filter((e) => e.from <= knownAt).map((e) => e.event);
    if (known.length === 0) continue;
    const view = viewOn(fold(known)!, asOf);
    if (status === 'all' || view.status === status) ids.push(id);
  }
  return ids.sort();
}

/**
 * Each known operation's succession links as the fold has them at `knownAt`: its own
 * predecessors, and as successors the operations known then that named it, in recording order.
 */
function foldedLinks(
  histories: Map<string, Array<{ event: RecordedEvent; from: number }>>,
  knownAt: number,
): Map<string, { predecessors: string[]; successors: string[] }> {
  const links = new Map<string, { predecessors: string[]; successors: string[] }>();
  const named: Array<{ predecessor: string; successor: string; position: bigint }> = [];
  for (const [id, history] of histories) {
    const known = history.filter((e) => e.from <= knownAt).map((e) => e.event);
    if (known.length === 0) continue;
    const state = fold(known)!;
    links.set(id, { predecessors: [...state.predecessors], successors: [...state.successors] });
    const naming = known.find((e) => e.type.endsWith('Established'))!;
    for (const predecessor of state.predecessors)
      named.push({ predecessor, successor: id, position: naming.position });
  }
  named.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  for (const { predecessor, successor } of named) {
    const successors = links.get(predecessor)?.successors;
    if (successors && !successors.includes(successor)) successors.push(successor);
  }
  return links;
}

/** Every page of the list, `limit` at a time, as the API hands them out. */
function paged(
  reader: FieldOperationsReader,
  filter: { asOf: string; knownAt: number; status: StatusFilter },
  limit: number,
): string[] {
  const ids: string[] = [];
  let after = '';
  for (;;) {
    const page = reader.page(filter, { after, limit });
    ids.push(...page.items.map((item) => item.id));
    if (page.next === null) return ids;
    after = page.next;
  }
}

describe('lists as known at an instant, walked from what earlier lists read', () => {
  let dir: string;
  let store: SqliteEventStore;
  let db: Database.Database;
  let reader: FieldOperationsReader;

  const follow = async (): Promise<void> => {
    const engine = new ProjectionEngine(store, db, allProjections());
    engine.start();
    await engine.caughtUp();
    await engine.stop();
  };

  /** Compares the lists at many (asOf, knownAt, status) with the fold, paged in several ways. */
  let fresh = 0;
  const expectListsAsFolded = async (instants: number[]): Promise<void> => {
    const histories = await knownHistory(store);
    for (const knownAt of instants) {
      for (const asOf of DAYS) {
        for (const status of STATUSES) {
          const expected = folded(histories, asOf, knownAt, status);
          const filter = { asOf, knownAt, status };
          expect([knownAt, asOf, status, paged(reader, filter, 3)]).toEqual([
            knownAt,
            asOf,
            status,
            expected,
          ]);
          expect(paged(reader, filter, 1000)).toEqual(expected);
          // With the succession links known then, walked (kept on the walk's entries) or not.
          const links = foldedLinks(histories, knownAt);
          const withLinks = expected.map((id) => ({ id, ...links.get(id)! }));
          for (const at of [knownAt, knownAt + 0.0005]) {
            const items = reader.page({ ...filter, knownAt: at }, { after: '', limit: 1000 }).items;
            expect(
              items.map(({ id, predecessors, successors }) => ({ id, predecessors, successors })),
            ).toEqual(withLinks);
          }
          // At an instant no list asked for before (filtered in SQL, not walked): the same.
          fresh += 0.001;
          expect(paged(reader, { ...filter, knownAt: knownAt + fresh }, 1000)).toEqual(expected);
          // A page that starts beyond what any walk has read yet.
          const later = expected.filter((id) => id > 'op-30');
          expect(paged(reader, { ...filter, knownAt: knownAt + 1 }, 1000)).toEqual(
            folded(histories, asOf, knownAt + 1, status),
          );
          expect(
            reader.page(filter, { after: 'op-30', limit: 1000 }).items.map((i) => i.id),
          ).toEqual(later);
        }
      }
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'registry-known-at-list-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    db = openReadModelDatabase(join(dir, 'read-models.sqlite'));
    reader = new FieldOperationsReader(db);
    await follow();
  });
  afterAll(async () => {
    db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers as the fold of the events recorded up to knownAt, on every page, as the log grows', async () => {
    const random = rng(7);
    // Two events in three share the millisecond of the one before.
    const at = (n: number): number => minute(Math.floor(n / 3) * 2 + (n % 3 === 2 ? 1 : 0));
    await recordSteps(store, random, 120, at);
    await follow();
    const instants = [minute(0) - 1, minute(0), minute(10), minute(33), minute(57), minute(80)];
    await expectListsAsFolded([...instants, Number.MAX_SAFE_INTEGER]);
    // More events, recorded later than every instant asked so far: walks kept stay right.
    await recordSteps(store, random, 60, (n) => minute(100 + n));
    await follow();
    await expectListsAsFolded([...instants, minute(120), Number.MAX_SAFE_INTEGER]);
    // Events recorded at instants already asked about (a clock behind the others).
    await recordSteps(store, random, 30, (n) => minute(20 + n));
    await follow();
    await expectListsAsFolded([...instants, minute(120), minute(200)]);
  });

  it('reads a walked instant again without the database, until a change is recorded at or before it', async () => {
    const knownAt = minute(57);
    const filter = { asOf: '2000-01-01', knownAt, status: 'active' as const };
    const versions = jest.spyOn(knownAtWalkQueries(db).versions, 'all');
    try {
      paged(reader, filter, 1000);
      versions.mockClear();
      expect(paged(reader, { ...filter, asOf: '1994-06-30' }, 2)).toEqual(
        paged(reader, { ...filter, asOf: '1994-06-30' }, 1000),
      );
      expect(versions).not.toHaveBeenCalled();
      // Recorded after knownAt: the walk is kept.
      await recordSteps(store, rng(11), 5, (n) => minute(300 + n));
      await follow();
      paged(reader, filter, 1000);
      expect(versions).not.toHaveBeenCalled();
      // An operation recorded at knownAt: read again.
      const events = decideEstablish(
        {
          id: 'op-new',
          name: 'Mission new',
          kind: 'mission',
          hostStates: ['albania'],
          establishedOn: '1999-01-01',
        },
        undefined,
        everythingExists,
      );
      await record(store, [{ stream: streamOfOperation('op-new'), events }], new Date(knownAt));
      await follow();
      // The walk is dropped: the next list filters in SQL, the one after walks again.
      expect(paged(reader, filter, 1000)).toContain('op-new');
      expect(versions).not.toHaveBeenCalled();
      expect(paged(reader, filter, 1000)).toContain('op-new');
      expect(versions).toHaveBeenCalled();
    } finally {
      versions.mockRestore();
    }
  });

  it('walks the same versions when few walks or versions may be kept (read past them from the database)', () => {
    const all = (walks: KnownAtWalks, knownAt: number, after: string): string[] => {
      const versions: string[] = [];
      walks.visit(db, knownAt, after, (v) => {
        versions.push(`${v.id}@${v.recorded_from}`);
        return false;
      });
      return versions;
    };
    const first = (walks: KnownAtWalks, knownAt: number, after: string, n: number): string[] => {
      const versions: string[] = [];
      walks.visit(db, knownAt, after, (v) => versions.push(`${v.id}@${v.recorded_from}`) >= n);
      return versions;
    };
    const small = new KnownAtWalks(1, 20);
    for (const knownAt of [minute(10), minute(57), minute(200), minute(57)]) {
      const every = all(new KnownAtWalks(), knownAt, '');
      for (const after of ['', 'op-05', 'op-30', '', 'op-39', 'op-99']) {
        const expected = every.filter((v) => v.split('@')[0] > after);
        expect(all(small, knownAt, after)).toEqual(expected);
        // A walk that begins with a page further on.
        expect(all(new KnownAtWalks(), knownAt, after)).toEqual(expected);
        // Stopped early, then read on.
        expect(first(small, knownAt, after, 5)).toEqual(expected.slice(0, 5));
        expect(first(new KnownAtWalks(), knownAt, after, 25)).toEqual(expected.slice(0, 25));
      }
    }
    expect(small.size).toBe(1);
  });
});
