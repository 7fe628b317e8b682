import type Database from 'better-sqlite3';
import { type ReadModelSource, readModelSource } from '../../projections/read-model-source';
import { statementCache } from '../../projections/statement-cache';
import {
  historyItemOf,
  NOW,
  type HistoryRow as RecordedHistoryRow,
} from '../../projections/recorded-versions';
import { factOf } from '../domain/events';
import type { Kind } from '../domain/kinds';
import type { Provenance } from '../domain/provenance';
import type { FieldOperation } from '../domain/state';
import {
  detailOn,
  type FieldOperationDetail,
  type Links,
  type StatusFilter,
} from './field-operation-detail';
import { DetailCache } from './detail-cache';
import type { HistoryItem } from './history-item';
import { type Lineage, lineageOf } from './lineage';
import { ParsedStates } from './parsed-states';
import { type Page, type PageRequest, pageOf } from '../../shared/read/page.query';
import { type TimelineYear, timelineOf } from './timeline';
import {
  KNOWN_AT_VERSIONS,
  type KnownVersion,
  KnownAtWalks,
  knownAtWalkQueries,
} from './known-at-walks';
import { unfoldState, type VersionRow } from './version-states';

/** A version; its `position` is the key of its parsed state, `state` null if not stored. */
interface OperationRow extends VersionRow {
  revision: number;
}

interface LinkRow {
  predecessor: string;
  successor: string;
}

interface HistoryRow extends RecordedHistoryRow {
  decision: string | null;
}

export interface FieldOperationFilter {
  asOf: string;
  /** Recorded time, epoch ms: answer from what was recorded up to then. Default: everything. */
  knownAt?: number;
  status?: StatusFilter;
  hostState?: string;
  kind?: Kind;
}

/** An operation's last version and links, as `now` keeps them (its state: in ParsedStates). */
interface CurrentVersion {
  readonly revision: number;
  readonly position: number;
  readonly links: Links;
}

/** A version a list reads: from a walk (no state), or from the database with its state. */
type WalkedVersion = KnownVersion & { state?: string | null };

/** Operations kept as they stand now, at most (a few hundred bytes each, states aside). */
const MAX_CURRENT = 100_000;

/** Operations read per turn of the event loop while warming (see `warm`). */
const WARM_PAGE = 200;

/**
 * The status filter on `asOf` over a version's activity range (first and last day, compared as
 * ISO dates): what the view's status can be on that day, checked before its state is read.
 */
const ACTIVITY_FILTERS: Record<StatusFilter, (v: KnownVersion, asOf: string) => boolean> = {
  all: () => true,
  active: (v, asOf) => v.active_from <= asOf && (v.active_to === null || v.active_to >= asOf),
  closed: (v, asOf) => v.active_to !== null && v.active_to < asOf,
  'not-yet-established': (v, asOf) => v.active_from > asOf,
};

/** The same filters in SQL, for lists that do not walk. */
const STATUS_CLAUSES: Record<StatusFilter, string> = {
  all: '1',
  active: 'v.active_from <= @asOf AND (v.active_to IS NULL OR v.active_to >= @asOf)',
  closed: 'v.active_to < @asOf',
  'not-yet-established': 'v.active_from > @asOf',
};

const KNOWN_AT = 'recorded_from <= @knownAt AND (recorded_to IS NULL OR recorded_to > @knownAt)';
const LINK_ORDER = 'ORDER BY position, predecessor, successor';

/** The reader's prepared queries on a database (exported for the query-plan test). */
export const fieldOperationQueries = statementCache((db: Database.Database) => {
  // Per operation, one seek on the primary key: its last version recorded at or before knownAt,
  // walked in id order from `after` and read lazily (a page stops after the rows it needs), for
  // an instant lists have not asked for before (then they walk, see `known-at-walks.ts`).
  const listOn = (status: StatusFilter) =>
    db.prepare<[{ asOf: string; knownAt: number; after: string }], WalkedVersion>(
      `SELECT v.operation_id AS id, v.revision, v.recorded_from, v.position, v.active_from,
         v.active_to, v.state
       ${KNOWN_AT_VERSIONS}
       WHERE o.id > @after AND ${STATUS_CLAUSES[status]}
       ORDER BY o.id`,
    );
  return {
    list: {
      all: listOn('all'),
      active: listOn('active'),
      closed: listOn('closed'),
      'not-yet-established': listOn('not-yet-established'),
    },
    listAll: db.prepare<[{ knownAt: number }], OperationRow>(
      `SELECT v.operation_id AS id, v.revision, v.recorded_from, v.position, v.state
       ${KNOWN_AT_VERSIONS}
       ORDER BY o.id`,
    ),
    stateAt: db
      .prepare<[string, number], string | null>(
        `SELECT state FROM field_operation_versions WHERE operation_id = ? AND recorded_from = ?`,
      )
      .pluck(),
    idsAfter: db
      .prepare<[string], string>(
        `SELECT id FROM field_operations WHERE id > ? ORDER BY id LIMIT ${WARM_PAGE}`,
      )
      .pluck(),
    byId: db.prepare<[string, number], OperationRow>(
      `SELECT operation_id AS id, revision, recorded_from, position, state
       FROM field_operation_versions
       WHERE operation_id = ? AND recorded_from <= ? ORDER BY recorded_from DESC LIMIT 1`,
    ),
    // One seek on each side's index (cheaper than SQLite's multi-index OR on this hot path).
    linksOf: db.prepare<[{ id: string; knownAt: number }], LinkRow>(
      `SELECT predecessor, successor, position FROM field_operation_successions
       WHERE predecessor = @id AND ${KNOWN_AT}
       UNION ALL
       SELECT predecessor, successor, position FROM field_operation_successions
       WHERE successor = @id AND predecessor <> @id AND ${KNOWN_AT}
       ${LINK_ORDER}`,
    ),
    // Versions known at knownAt whose activity overlaps [from, to] (days), for the timeline.
    activeBetween: db.prepare<[{ from: string; to: string; knownAt: number }], OperationRow>(
      `SELECT v.operation_id AS id, v.revision, v.recorded_from, v.position, v.state
       ${KNOWN_AT_VERSIONS}
       WHERE v.active_from <= @to AND (v.active_to IS NULL OR v.active_to >= @from)
       ORDER BY o.id`,
    ),
    historyOf: db.prepare<[string, number], HistoryRow>(
      `SELECT position, revision, event_id, type, summary, effective_on, recorded_at, actor,
         decision, data
       FROM field_operation_history WHERE operation_id = ? AND recorded_from <= ?
       ORDER BY position`,
    ),
  };
});

/**
 * Answers the read API's field-operation questions from the `field-operations` read model, on a
 * day of valid time (`asOf`) as recorded up to an instant (`knownAt`): index lookups, no replay.
 */
export class FieldOperationsReader {
  private readonly source: ReadModelSource;
  private current?: {
    readonly db: Database.Database;
    readonly generation: number;
    /** The last position the field-operations tables were changed at, when they were kept. */
    readonly changedAt: number | null;
    readonly operations: Map<string, CurrentVersion>;
  };

  constructor(source: ReadModelSource | Database.Database) {
    this.source = readModelSource(source);
  }

  /** The current read-model file's statements (it changes when a rebuild is switched in). */
  private get q() {
    return fieldOperationQueries(this.source.db);
  }

  /**
   * A version's folded state, parsed once per version and database; a superseded version without
   * a stored state (see `version-states.ts`) is unfolded once instead.
   */
  private readonly stateOf = (row: OperationRow): FieldOperation => {
    const states = parsedStatesOf(this.source.db);
    if (row.state !== null) return states.of(row.position, row.state);
    return states.held(row.position) ?? states.keep(row.position, unfoldState(this.source.db, row));
  };

  /**
   * A page of the operations known at `knownAt` whose view on `asOf` passes the filter, by id,
   * starting after the id `after`; `next` is the last id of the page when more may follow.
   */
  page(filter: FieldOperationFilter, page: PageRequest): Page<FieldOperationDetail> {
    const details = detailCacheOf(this.source.db);
    // One beyond the page, to know whether another follows; the rows after it are never read.
    return pageOf(this.matching(filter, page.after, page.limit + 1, details), page.limit);
  }

  /**
   * Every operation known at `knownAt` whose view on `asOf` passes the filter, by id (for
   * exports: built afresh, not kept, as they read every operation once).
   */
  list(filter: FieldOperationFilter): FieldOperationDetail[] {
    return this.matching(filter, '', Infinity);
  }

  /**
   * Up to `limit` views that pass the filter, in id order after `after`, computed one operation
   * at a time: the versions known at `knownAt` come from the walks kept for that instant
   * (`known-at-walks.ts`), the status is narrowed on each version's activity range before its
   * state is read, kind and host States (which vary over valid time) on the view.
   */
  private matching(
    filter: FieldOperationFilter,
    after: string,
    limit: number,
    details?: DetailCache,
  ): FieldOperationDetail[] {
    const db = this.source.db;
    const knownAt = filter.knownAt ?? NOW;
    const status = filter.status ?? 'all';
    const { asOf, kind, hostState } = filter;
    const inRange = ACTIVITY_FILTERS[status];
    const views: FieldOperationDetail[] = [];
    const visit = (version: WalkedVersion): boolean => {
      if (!inRange(version, asOf)) return false;
      const links = (version.links ??= linksFor(
        version.id,
        this.q.linksOf.all({ id: version.id, knownAt }),
      ));
      const kept = details?.get(version.position, links, asOf);
      const view = kept ?? detailOn(this.versionState(version), version.revision, links, asOf);
      if (status !== 'all' && view.status !== status) return false;
      if (kind && view.kind !== kind) return false;
      if (hostState && !view.hostStates.includes(hostState)) return false;
      views.push(kept ?? details?.keep(version.position, links, asOf, view) ?? view);
      return views.length >= limit;
    };
    const walks = walksOf(db);
    const walk = walks.walkFor(db, knownAt);
    if (walk) {
      walks.visit(db, knownAt, after, visit, walk);
    } else {
      for (const row of this.q.list[status].iterate({ asOf, knownAt, after }))
        if (visit(row)) break;
    }
    return views;
  }

  /** A version's state: parsed or unfolded once, read from its row only when not held. */
  private versionState(version: WalkedVersion): FieldOperation {
    const states = parsedStatesOf(this.source.db);
    const held = states.held(version.position);
    if (held) return held;
    const state =
      version.state !== undefined
        ? version.state
        : (this.q.stateAt.get(version.id, version.recorded_from) ?? null);
    return this.stateOf({ ...version, state });
  }

  /**
   * The operation on `asOf` as recorded up to `knownAt` (default: everything recorded so far);
   * undefined if it was not yet recorded.
   */
  get(id: string, asOf: string, knownAt?: number): FieldOperationDetail | undefined {
    if (knownAt === undefined) return this.now(id, asOf);
    const row = this.q.byId.get(id, knownAt);
    return row && this.detailOf(row, asOf, knownAt);
  }

  /**
   * The operation as recorded so far, on `asOf`: the most frequent read. Its last version and links
   * are kept until the read models change, so that a repeated read costs the view alone.
   */
  private now(id: string, asOf: string): FieldOperationDetail | undefined {
    const operation = this.asItStands(id);
    return operation && detailOn(operation.state, operation.revision, operation.links, asOf);
  }

  /** The operation's last version, its state and links, from the caches when they hold them. */
  private asItStands(
    id: string,
  ): { state: FieldOperation; revision: number; links: Links } | undefined {
    const current = this.currentOperations();
    const known = current?.get(id);
    const state = known && parsedStatesOf(this.source.db).held(known.position);
    if (known && state) return { state, revision: known.revision, links: known.links };
    const q = this.q;
    const row = q.byId.get(id, NOW);
    if (!row) return undefined;
    const links = linksFor(id, q.linksOf.all({ id, knownAt: NOW }));
    if (current && current.size >= MAX_CURRENT) current.clear();
    current?.set(id, { revision: row.revision, position: row.position, links });
    return { state: this.stateOf(row), revision: row.revision, links };
  }

  /**
   * Reads every operation as it stands now into the caches, a page of operations per turn of the
   * event loop, in the background: the first detail read of each operation otherwise pays for
   * the version and link lookups on pages SQLite does not have cached and for parsing its state
   * (~100-250 us at 1M events, against ~5 us for the view alone). Stops when the parsed states
   * are nine-tenths full (so it never pushes out states being read), when every operation is
   * read, on `stop()`, or on any error (a closed database: the caches are only an optimisation).
   */
  warm(): { stop(): void; done: Promise<void> } {
    let stopped = false;
    const done = new Promise<void>((resolve) => {
      let after = '';
      const step = (): void => {
        try {
          const states = parsedStatesOf(this.source.db);
          const ids = stopped ? [] : this.q.idsAfter.all(after);
          for (const id of ids) {
            if (states.heldBytes > states.budget * 0.9) return resolve();
            this.asItStands(id);
          }
          if (ids.length < WARM_PAGE) return resolve();
          after = ids[ids.length - 1];
          setImmediate(step);
        } catch {
          resolve();
        }
      };
      setImmediate(step);
    });
    return { stop: () => (stopped = true), done };
  }

  /**
   * The operations kept as they stand now, emptied when the field-operations read model moves.
   * Every batch moves the generation (a seal, a decision without effects, a State's event too):
   * the projection then writes every change to these tables with one history row at the event's
   * position, so when the last history position has not moved, nothing kept is stale.
   */
  private currentOperations(): Map<string, CurrentVersion> | undefined {
    const { db, generation } = this.source;
    if (generation === undefined) return undefined;
    const current = this.current;
    if (current?.db === db && current.generation === generation) return current.operations;
    // The same statement the walks check their instants against.
    const changedAt = knownAtWalkQueries(this.source.db).lastChange.get() ?? null;
    if (current?.db === db && current.changedAt === changedAt) {
      this.current = { ...current, generation };
    } else {
      this.current = { db, generation, changedAt, operations: new Map() };
    }
    return this.current.operations;
  }

  /** A version's view on `asOf`, with the succession links either side had named by `knownAt`. */
  private detailOf(row: OperationRow, asOf: string, knownAt: number): FieldOperationDetail {
    const links = linksFor(row.id, this.q.linksOf.all({ id: row.id, knownAt }));
    return detailOn(this.stateOf(row), row.revision, links, asOf);
  }

  /**
   * The succession graph reachable from `id` both ways, as recorded up to `knownAt`; undefined if
   * the operation was not yet recorded. Nodes are named as they were last (on `today`).
   */
  lineage(id: string, today: string, knownAt = NOW): Lineage | undefined {
    const q = this.q;
    if (!q.byId.get(id, knownAt)) return undefined;
    return lineageOf(
      id,
      (node) => q.linksOf.all({ id: node, knownAt }),
      (node) => {
        const row = q.byId.get(node, knownAt);
        return row && this.stateOf(row);
      },
      today,
    );
  }

  /** For each year from..to, the operations active at any time in it, as recorded up to knownAt. */
  timeline(from: number, to: number, knownAt = NOW): TimelineYear[] {
    const range = { from: `${from}-01-01`, to: `${to}-12-31`, knownAt };
    return timelineOf(this.q.activeBetween.all(range).map(this.stateOf), from, to);
  }

  /** The year of the earliest establishment recorded up to `knownAt`, if any. */
  firstYear(knownAt = NOW): number | undefined {
    const rows = this.q.listAll.all({ knownAt });
    const years = rows.map((row) => Number(this.stateOf(row).establishedOn.slice(0, 4)));
    return years.length > 0 ? Math.min(...years) : undefined;
  }

  /** Every event of the operation recorded up to `knownAt`, in log order; undefined if none. */
  history(id: string, knownAt = NOW): HistoryItem[] | undefined {
    const q = this.q;
    if (!q.byId.get(id, knownAt)) return undefined;
    return q.historyOf.all(id, knownAt).map((row) => {
      const item = historyItemOf(row);
      return { ...item, decision: row.decision, provenance: provenanceOf(item.type, item.data) };
    });
  }
}

/** The provenance a fact carries in its data; none for a correction. */
function provenanceOf(type: string, data: unknown): Provenance | null {
  return factOf(type, data)?.data.provenance ?? null;
}

/** One set of parsed states per read-model database (a rebuild switched in gets its own). */
const parsedStatesOf = statementCache(() => new ParsedStates());

/** One cache of list details per read-model database. */
const detailCacheOf = statementCache(() => new DetailCache());

/** One set of walks per read-model database. */
const walksOf = statementCache(() => new KnownAtWalks());

function linksFor(id: string, links: readonly LinkRow[]): Links {
  return {
    predecessors: Object.freeze(links.filter((l) => l.successor === id).map((l) => l.predecessor)),
    successors: Object.freeze(links.filter((l) => l.predecessor === id).map((l) => l.successor)),
  };
}
