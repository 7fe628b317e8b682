import type Database from 'better-sqlite3';
import { statementCache } from '../../projections/statement-cache';
import type { Links } from './field-operation-detail';

/** An operation's version known at an instant, as a list walks it: no state, no links yet. */
export interface KnownVersion {
  readonly id: string;
  readonly revision: number;
  readonly recorded_from: number;
  /** Position of the event that made the version: the key of its parsed state. */
  readonly position: number;
  /** Its activity range (first day of establishment, last day of closure or null). */
  readonly active_from: string;
  readonly active_to: string | null;
  /** The succession links known at the walk's instant, once a list has read them. */
  links?: Links;
}

/**
 * The versions known at one instant, in id order, as far as lists have walked them (`through`:
 * the last operation id read from the database; `complete`: every one). `changedAt` is the last
 * history position up to which they are known to be what the database holds.
 */
export interface Walk {
  readonly entries: KnownVersion[];
  through: string;
  complete: boolean;
  changedAt: number;
}

/** Walks kept per database, least recently used dropped first. */
const MAX_WALKS = 16;
/**
 * Versions kept in all walks together (~200 bytes each): about 8 MB, room for a complete walk of
 * the latest instant at 1M events (~30,000 operations) beside partial ones.
 */
const MAX_ENTRIES = 40_000;
/** Versions read per query while extending a walk: the first few, then more. */
const FIRST_CHUNK = 16;
const MAX_CHUNK = 1024;
/** Instants remembered as asked for once (a number each). */
const MAX_ASKED = 256;

/**
 * Each operation (`o`) with its version (`v`) known at `@knownAt`: one seek per operation on the
 * versions' primary key for the last one recorded at or before it; operations not yet recorded
 * then are left out on `first_recorded`, read off the (id, first_recorded) index without a seek.
 * What every list of operations at an instant starts from.
 */
export const KNOWN_AT_VERSIONS = `FROM field_operations o
     JOIN field_operation_versions v ON o.first_recorded <= @knownAt
       AND v.operation_id = o.id AND v.recorded_from = (
       SELECT MAX(w.recorded_from) FROM field_operation_versions w
       WHERE w.operation_id = o.id AND w.recorded_from <= @knownAt)`;

/** The walks' prepared queries on a database (exported for the query-plan test). */
export const knownAtWalkQueries = statementCache((db: Database.Database) => ({
  versions: db.prepare<[{ knownAt: number; after: string; limit: number }], KnownVersion>(
    `SELECT v.operation_id AS id, v.revision, v.recorded_from, v.position, v.active_from,
       v.active_to
     ${KNOWN_AT_VERSIONS}
     WHERE o.id > @after
     ORDER BY o.id LIMIT @limit`,
  ),
  // The last position the field-operations tables changed at (the reader's "now" caches use it too).
  lastChange: db
    .prepare<[], number | null>('SELECT MAX(position) FROM field_operation_history')
    .pluck(),
  // The earliest recorded instant any change after a position was made at (a range of the key).
  recordedSince: db
    .prepare<[number], number | null>(
      'SELECT MIN(recorded_from) FROM field_operation_history WHERE position > ?',
    )
    .pluck(),
}));

/**
 * The version of every operation known at an instant, in id order, kept between lists that ask
 * for the same `knownAt` so that a list walks them in memory instead of seeking each operation's
 * version again (~1 us per operation in SQLite; a list of what was active on an early day walks
 * thousands to fill a page). A walk is extended from the database as far as a list reads.
 *
 * The projection writes every change to the field-operations tables with a history row at the
 * event's position and at the version's `recorded_from` (a new version starts there; the one
 * before ends there; a link named or withdrawn starts or ends there). What is known at K is
 * therefore unchanged by changes made at instants after K: a walk is kept while every history
 * row after the position it was checked at was recorded after its instant, and dropped otherwise
 * (always, for "now"). Links are kept on the entries under the same rule.
 */
export class KnownAtWalks {
  private readonly walks = new Map<number, Walk>();
  private entries = 0;
  /** Instants lists asked for without a walk, most recent last (see `kept`). */
  private readonly asked = new Set<number>();

  constructor(
    private readonly maxWalks = MAX_WALKS,
    private readonly maxEntries = MAX_ENTRIES,
  ) {}

  /**
   * The walk lists at `knownAt` should take (`visit`): the one kept for it if still valid, or a
   * new one when a list asked for it before (since its walk was last dropped); undefined for an
   * instant asked for the first time, where a list filters in SQL instead: reading every version
   * into a walk costs more than seeking only those that pass the filter (~40% at 1M), and pays
   * only if another list asks for the same instant before a change drops it (lists as now,
   * between writes).
   */
  walkFor(db: Database.Database, knownAt: number): Walk | undefined {
    const walk = this.validWalk(db, knownAt);
    if (walk) return walk;
    if (this.asked.delete(knownAt)) return this.newWalk(db, knownAt);
    this.asked.add(knownAt);
    if (this.asked.size > MAX_ASKED) this.asked.delete(this.asked.values().next().value!);
    return undefined;
  }

  /**
   * Hands `visit` the versions known at `knownAt` of the operations after the id `after`, in id
   * order, until it answers true (enough) or none is left. A callback rather than a generator:
   * a list on an early day passes thousands of versions to fill a page, and a generator allocates
   * a result object for each.
   */
  visit(
    db: Database.Database,
    knownAt: number,
    after: string,
    visit: (version: KnownVersion) => boolean,
    walk: Walk = this.walkAt(db, knownAt),
  ): void {
    const q = knownAtWalkQueries(db);
    const { entries } = walk;
    let chunk = FIRST_CHUNK;
    // What the walk holds, extended while it is read on from where it ends and there is room.
    for (let i = firstAfter(entries, after); ;) {
      for (; i < entries.length; i++) if (visit(entries[i])) return;
      if (walk.complete) return;
      if (after > walk.through || this.entries + chunk > this.maxEntries) break;
      const rows = q.versions.all({ knownAt, after: walk.through, limit: chunk });
      for (const row of rows) entries.push(row);
      this.entries += rows.length;
      if (rows.length > 0) walk.through = rows[rows.length - 1].id;
      walk.complete = rows.length < chunk;
      chunk = Math.min(chunk * 2, MAX_CHUNK);
    }
    // Past it (a page that starts beyond it, or no room left): from the database alone.
    for (let cursor = after > walk.through ? after : walk.through; ;) {
      const rows = q.versions.all({ knownAt, after: cursor, limit: chunk });
      for (const row of rows) if (visit(row)) return;
      if (rows.length < chunk) return;
      cursor = rows[rows.length - 1].id;
      chunk = Math.min(chunk * 2, MAX_CHUNK);
    }
  }

  /** Walks held (for tests). */
  get size(): number {
    return this.walks.size;
  }

  /**
   * The walk kept at `knownAt` if no change since it was last checked was recorded at or before
   * it (it then counts as most recently used); an invalid one is dropped.
   */
  private validWalk(db: Database.Database, knownAt: number): Walk | undefined {
    const walk = this.walks.get(knownAt);
    if (!walk) return undefined;
    const q = knownAtWalkQueries(db);
    const last = q.lastChange.get() ?? 0;
    this.walks.delete(knownAt);
    const since = walk.changedAt === last ? null : (q.recordedSince.get(walk.changedAt) ?? null);
    if (last >= walk.changedAt && (since === null || since > knownAt)) {
      walk.changedAt = last;
      this.walks.set(knownAt, walk);
      return walk;
    }
    this.entries -= walk.entries.length;
    return undefined;
  }

  /** The walk at `knownAt`, checked against the changes since; a new one if none is valid. */
  private walkAt(db: Database.Database, knownAt: number): Walk {
    return this.validWalk(db, knownAt) ?? this.newWalk(db, knownAt);
  }

  /** A new, empty walk at `knownAt`, the least recently used dropped to make room. */
  private newWalk(db: Database.Database, knownAt: number): Walk {
    const last = knownAtWalkQueries(db).lastChange.get() ?? 0;
    const fresh: Walk = { entries: [], through: '', complete: false, changedAt: last };
    this.walks.set(knownAt, fresh);
    for (const [oldest, old] of this.walks) {
      if (this.walks.size <= this.maxWalks && this.entries <= this.maxEntries) break;
      if (old === fresh) break;
      this.walks.delete(oldest);
      this.entries -= old.entries.length;
    }
    return fresh;
  }
}

/** Index of the first entry whose id is after `after` (entries are in id order). */
function firstAfter(entries: readonly KnownVersion[], after: string): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid].id <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
