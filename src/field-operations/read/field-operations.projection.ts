import type Database from 'better-sqlite3';
import { dataJsonOf, type RecordedEvent } from '../../event-store/event-store.port';
import { resetIfOutdated } from '../../projections/outdated-schema';
import type { Projection } from '../../projections/projection';
import { actorOf, recordedAtOf, recordedMsOf } from '../../projections/recorded-metadata';
import { statementCache } from '../../projections/statement-cache';
import { firstDay, lastDay } from '../../shared/domain/partial-date';
import { correctedFact, correctionsOf, isCorrection } from '../domain/corrections';
import {
  FACT_CORRECTED,
  type FactCorrected,
  FIELD_OPERATION_STREAM_PREFIX,
  factOf,
  type StoredEvent,
} from '../domain/events';
import { fold } from '../domain/fold';
import { currentName, evolve, type FieldOperation } from '../domain/state';
import { correctionEntryOf } from './correction-entry';
import { FIELD_OPERATIONS_SCHEMA, FIELD_OPERATIONS_TABLES } from './field-operations.schema';
import { type HistoryEntry, historyEntryOf } from './history-entry';
import { ANCHOR_EVERY, isAnchor } from './version-states';

interface LinkRow {
  predecessor: string;
  successor: string;
  recorded_from: number;
}

/** The operation's last version, as its row has it or will have it (see `Folded.written`). */
interface Version {
  /** `recorded_from`; `recorded_to` is NULL while it is the last. */
  readonly recordedFrom: number;
  readonly activeFrom: string;
  readonly activeTo: string | null;
  readonly revision: bigint;
  readonly position: bigint;
  /** Keeps its state once superseded (see `isAnchor`). */
  readonly anchor: boolean;
  /** Its rowid, once it has a row. */
  readonly rowid?: number | bigint;
}

/** What the projection keeps in memory per operation, so that an event needs no read. */
interface Folded {
  readonly state: FieldOperation;
  readonly version: Version;
  /**
   * Whether the version's row is as `version` and `state` say. Within a batch the last version of
   * an operation is only in memory (or its row is behind it): it is written when a later version
   * supersedes it, or by `finishBatch`, so the state of a version superseded within the same batch
   * is never serialized unless it is an anchor.
   */
  readonly written: boolean;
  /** The succession links it names whose `recorded_to` is NULL. */
  readonly openLinks: readonly LinkRow[];
}

/** Operations kept folded in memory per database (least recently used dropped first). */
const CACHED_OPERATIONS = 10_000;

const statements = statementCache((db) => ({
  // The last version is the operation as it stands now.
  latest: db.prepare<
    [string],
    {
      rowid: number;
      recorded_from: number;
      active_from: string;
      active_to: string | null;
      revision: number;
      position: number;
      state: string | null;
    }
  >(
    `SELECT rowid, recorded_from, active_from, active_to, revision, position, state
     FROM field_operation_versions WHERE operation_id = ? ORDER BY recorded_from DESC LIMIT 1`,
  ),
  // Whether a version is an anchor (see `isAnchor`): the operation's first, or one of its events
  // (the history rows of its instant) a correction or at a multiple of ANCHOR_EVERY.
  isAnchor: db
    .prepare<[string, number, string, number], number>(
      `SELECT EXISTS (SELECT 1 FROM field_operation_history
                      WHERE operation_id = ? AND recorded_from = ?
                        AND (type = '${FACT_CORRECTED}' OR revision % ${ANCHOR_EVERY} = 0))
           OR NOT EXISTS (SELECT 1 FROM field_operation_versions
                          WHERE operation_id = ? AND recorded_from < ?)`,
    )
    .pluck(),
  save: db.prepare(
    `INSERT INTO field_operations (id, name, kind, established_on, closed_on, first_recorded)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
       established_on = excluded.established_on, closed_on = excluded.closed_on`,
  ),
  addVersion: db.prepare(
    `INSERT INTO field_operation_versions
       (operation_id, recorded_from, recorded_to, active_from, active_to, revision, position, state)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  // A version written before, by the rowid kept with it: ended (an anchor keeps its state)...
  endVersion: db.prepare(`UPDATE field_operation_versions SET recorded_to = ? WHERE rowid = ?`),
  endVersionDroppingState: db.prepare(
    `UPDATE field_operation_versions SET recorded_to = ?, state = NULL WHERE rowid = ?`,
  ),
  // ... or replaced by events recorded in the same millisecond.
  updateVersion: db.prepare(
    `UPDATE field_operation_versions SET recorded_to = ?, active_from = ?, active_to = ?,
       revision = ?, position = ?, state = ? WHERE rowid = ?`,
  ),
  openLinks: db.prepare<[string], LinkRow>(
    `SELECT predecessor, successor, recorded_from FROM field_operation_successions
     WHERE named_by = ? AND recorded_to IS NULL`,
  ),
  addLink: db.prepare(
    `INSERT INTO field_operation_successions
       (predecessor, successor, named_by, recorded_from, recorded_to, position)
     VALUES (?, ?, ?, ?, NULL, ?)`,
  ),
  endLink: db.prepare(
    `UPDATE field_operation_successions SET recorded_to = ?
     WHERE predecessor = ? AND successor = ? AND named_by = ? AND recorded_from = ?`,
  ),
  dropLink: db.prepare(
    `DELETE FROM field_operation_successions
     WHERE predecessor = ? AND successor = ? AND named_by = ? AND recorded_from = ?`,
  ),
  eventsOf: db.prepare<[string], { id: string; type: string; data: string }>(
    `SELECT event_id AS id, type, data FROM field_operation_history
     WHERE operation_id = ? ORDER BY position`,
  ),
  addHistory: db.prepare(
    `INSERT INTO field_operation_history
       (position, operation_id, revision, event_id, type, summary, effective_on, recorded_at,
        recorded_from, actor, decision, data)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
}));

/**
 * Each field operation as it stands now, every version of it as recorded over time (bitemporal,
 * see the schema), the succession links each side named and when, and one history row per event.
 * A fact evolves the operation's last state; a correction folds the operation's events again with
 * it. The last state, version and open links of recently seen operations stay in memory, so that
 * an event costs its writes only; the engine calls `forget` when the rows may differ from them.
 */
export class FieldOperationsProjection implements Projection {
  readonly name = 'field-operations';
  private folded = new WeakMap<Database.Database, Map<string, Folded>>();
  /** Per database, the operations whose last version is not written yet (see `Folded`). */
  private unwritten = new WeakMap<Database.Database, Map<string, Folded>>();

  setup(db: Database.Database): void {
    resetIfOutdated(db, this.name, FIELD_OPERATIONS_SCHEMA, FIELD_OPERATIONS_TABLES);
    db.exec(FIELD_OPERATIONS_SCHEMA);
  }

  forget(): void {
    this.folded = new WeakMap();
    this.unwritten = new WeakMap();
  }

  /** Writes the last version of every operation the batch changed, with its state. */
  finishBatch(db: Database.Database): void {
    const unwritten = this.unwritten.get(db);
    if (!unwritten) return;
    for (const [id, folded] of unwritten) {
      const rowid = this.writeVersion(db, id, folded, null);
      this.remember(db, id, { ...folded, version: { ...folded.version, rowid }, written: true });
    }
    unwritten.clear();
  }

  apply(db: Database.Database, event: RecordedEvent): void {
    if (!event.stream.startsWith(FIELD_OPERATION_STREAM_PREFIX)) return;
    const fact = factOf(event.type, event.data);
    if (!fact && !isCorrection(event)) return;
    const id = event.stream.slice(FIELD_OPERATION_STREAM_PREFIX.length);
    const s = statements(db);
    const known = this.load(db, id);
    const before = known?.state;
    let after = fact ? evolve(before, fact) : undefined;
    let entry: HistoryEntry | undefined = fact
      ? historyEntryOf(event.type, fact, before)
      : undefined;
    if (!fact && before) {
      const past = s.eventsOf
        .all(id)
        .map((row): StoredEvent => ({ ...row, data: JSON.parse(row.data) as unknown }));
      after = fold([...past, event]);
      entry = correctionEntryOf(event.data as FactCorrected, correctedBefore(event, past));
    }
    if (!after || !entry) return;
    // A version is known from its recordedAt, and never before the version it follows.
    const from = Math.max(recordedMsOf(event), known?.version.recordedFrom ?? 0);
    if (!known || rowChanged(known.state, after)) {
      const { name, kind } = currentName(after);
      // first_recorded: the instant of its first version, kept as it is by later saves.
      s.save.run(id, name, kind, after.establishedOn, after.closure?.closedOn ?? null, from);
    }
    const anchor = isAnchor(event.revision, !fact, known === undefined);
    const sameInstant = known !== undefined && known.version.recordedFrom === from;
    // The version this event supersedes is written as it ends; one of the same millisecond is
    // replaced by this event's (keeping its row, and its anchor).
    if (known && !sameInstant) this.writeVersion(db, id, known, from);
    const version: Version = {
      recordedFrom: from,
      activeFrom: firstDay(after.establishedOn),
      activeTo: after.closure ? lastDay(after.closure.closedOn) : null,
      revision: event.revision,
      position: event.position,
      anchor: anchor || (sameInstant && known.version.anchor),
      rowid: sameInstant ? known.version.rowid : undefined,
    };
    const openLinks = this.saveLinks(db, id, after, known?.openLinks ?? [], event.position, from);
    this.remember(db, id, { state: after, version, written: false, openLinks });
    s.addHistory.run(
      event.position,
      id,
      event.revision,
      event.id,
      event.type,
      entry.summary,
      entry.effectiveOn,
      recordedAtOf(event),
      from,
      actorOf(event),
      entry.decision,
      dataJsonOf(event),
    );
  }

  /**
   * Writes a version: ended at `to` (its state kept only if it is an anchor), or as the last one
   * (`to` null, with its state). Returns its rowid.
   */
  private writeVersion(
    db: Database.Database,
    id: string,
    { state, version, written }: Folded,
    to: number | null,
  ): number | bigint {
    const s = statements(db);
    const { recordedFrom, activeFrom, activeTo, revision, position, anchor, rowid } = version;
    // A row as the version is (written in an earlier batch, with its state) only ends.
    if (written && rowid !== undefined && to !== null) {
      if (anchor) s.endVersion.run(to, rowid);
      else s.endVersionDroppingState.run(to, rowid);
      return rowid;
    }
    const json = to === null || anchor ? JSON.stringify(state) : null;
    if (rowid === undefined) {
      return s.addVersion.run(id, recordedFrom, to, activeFrom, activeTo, revision, position, json)
        .lastInsertRowid;
    }
    s.updateVersion.run(to, activeFrom, activeTo, revision, position, json, rowid);
    return rowid;
  }

  /**
   * The operation as the rows have it now: from memory (the batch's unwritten versions first),
   * else its last version and open links.
   */
  private load(db: Database.Database, id: string): Folded | undefined {
    const unwritten = this.unwritten.get(db)?.get(id);
    if (unwritten) return unwritten;
    let cache = this.folded.get(db);
    if (!cache) this.folded.set(db, (cache = new Map<string, Folded>()));
    const cached = cache.get(id);
    if (cached) {
      // Most recently used last: a Map iterates in insertion order.
      cache.delete(id);
      cache.set(id, cached);
      return cached;
    }
    const s = statements(db);
    const latest = s.latest.get(id);
    if (!latest) return undefined;
    // Outside a batch the last version always has its state (see `finishBatch`).
    if (latest.state === null) throw new Error(`The last version of ${id} has no state`);
    return {
      state: JSON.parse(latest.state) as FieldOperation,
      version: {
        recordedFrom: latest.recorded_from,
        activeFrom: latest.active_from,
        activeTo: latest.active_to,
        revision: BigInt(latest.revision),
        position: BigInt(latest.position),
        anchor: s.isAnchor.get(id, latest.recorded_from, id, latest.recorded_from) === 1,
        rowid: latest.rowid,
      },
      written: true,
      openLinks: s.openLinks.all(id),
    };
  }

  /** Keeps the operation's last version in memory, unwritten until the batch ends. */
  private remember(db: Database.Database, id: string, folded: Folded): void {
    if (!folded.written) {
      let unwritten = this.unwritten.get(db);
      if (!unwritten) this.unwritten.set(db, (unwritten = new Map<string, Folded>()));
      unwritten.set(id, folded);
      return;
    }
    let cache = this.folded.get(db);
    if (!cache) this.folded.set(db, (cache = new Map<string, Folded>()));
    cache.delete(id);
    cache.set(id, folded);
    if (cache.size > CACHED_OPERATIONS) cache.delete(cache.keys().next().value!);
  }

  /**
   * The links this operation names (its predecessors, its closure's successors) as of `from`:
   * links it no longer names end there, new ones start there. Returns the links left open.
   */
  private saveLinks(
    db: Database.Database,
    id: string,
    operation: FieldOperation,
    open: readonly LinkRow[],
    position: bigint,
    from: number,
  ): LinkRow[] {
    // Most operations name no link: nothing to build for them.
    if (operation.predecessors.length + operation.successors.length + open.length === 0) return [];
    const s = statements(db);
    const named = [
      ...operation.predecessors.map((p) => [p, id] as const),
      ...operation.successors.map((successor) => [id, successor] as const),
    ];
    const key = (predecessor: string, successor: string): string => `${predecessor}\n${successor}`;
    const wanted = new Set(named.map(([p, successor]) => key(p, successor)));
    const stillOpen: LinkRow[] = [];
    for (const link of open) {
      if (wanted.has(key(link.predecessor, link.successor))) {
        stillOpen.push(link);
        continue;
      }
      const row = [link.predecessor, link.successor, id, link.recorded_from] as const;
      if (link.recorded_from === from) s.dropLink.run(...row);
      else s.endLink.run(from, ...row);
    }
    const kept = new Set(stillOpen.map((link) => key(link.predecessor, link.successor)));
    for (const [predecessor, successor] of named) {
      if (kept.has(key(predecessor, successor))) continue;
      kept.add(key(predecessor, successor));
      s.addLink.run(predecessor, successor, id, from, position);
      stillOpen.push({ predecessor, successor, recorded_from: from });
    }
    return stillOpen;
  }
}

/** Whether the row of `field_operations` (name, kind, establishment, closure) differs. */
function rowChanged(before: FieldOperation, after: FieldOperation): boolean {
  const a = currentName(before);
  const b = currentName(after);
  return (
    a.name !== b.name ||
    a.kind !== b.kind ||
    before.establishedOn !== after.establishedOn ||
    (before.closure?.closedOn ?? null) !== (after.closure?.closedOn ?? null)
  );
}

/** The fact a correction names, as it stood before it (earlier corrections applied). */
function correctedBefore(event: RecordedEvent, past: readonly StoredEvent[]) {
  const { corrects } = event.data as FactCorrected;
  const original = past.find((e) => e.id === corrects);
  return original && correctedFact(original, correctionsOf(past));
}
