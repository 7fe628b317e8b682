import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../event-store/event-store.port';
import { resetIfOutdated } from '../../projections/outdated-schema';
import type { Projection } from '../../projections/projection';
import { actorOf, recordedAtOf, recordedMsOf } from '../../projections/recorded-metadata';
import { statementCache } from '../../projections/statement-cache';
import { firstDay, lastDay } from '../../shared/domain/partial-date';
import { correctedFact, correctionsOf, isCorrection } from '../domain/corrections';
import {
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

interface LinkRow {
  predecessor: string;
  successor: string;
  recorded_from: number;
}

/** What the projection keeps in memory per operation, so that an event needs no read. */
interface Folded {
  readonly state: FieldOperation;
  /** `recorded_from` of its last version (the one whose `recorded_to` is NULL). */
  readonly recordedFrom: number;
  /** The rowid of that version. */
  readonly rowid: number | bigint;
  /** The succession links it names whose `recorded_to` is NULL. */
  readonly openLinks: readonly LinkRow[];
}

/** Operations kept folded in memory per database (least recently used dropped first). */
const CACHED_OPERATIONS = 10_000;

const statements = statementCache((db) => ({
  // The last version is the operation as it stands now.
  latest: db.prepare<[string], { rowid: number; recorded_from: number; state: string }>(
    `SELECT rowid, recorded_from, state FROM field_operation_versions WHERE operation_id = ?
     ORDER BY recorded_from DESC LIMIT 1`,
  ),
  save: db.prepare(
    `INSERT INTO field_operations (id, name, kind, established_on, closed_on)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
       established_on = excluded.established_on, closed_on = excluded.closed_on`,
  ),
  // The last version, by the rowid kept with it.
  endVersion: db.prepare(`UPDATE field_operation_versions SET recorded_to = ? WHERE rowid = ?`),
  addVersion: db.prepare(
    `INSERT INTO field_operation_versions
       (operation_id, recorded_from, recorded_to, active_from, active_to, revision, position, state)
     VALUES (?, ?, NULL, ?, ?, ?, ?, ?)`,
  ),
  // Events recorded in the same millisecond make one version: the later replaces the earlier.
  replaceVersion: db.prepare(
    `UPDATE field_operation_versions SET active_from = ?, active_to = ?, revision = ?,
       position = ?, state = ? WHERE rowid = ?`,
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
        recorded_from, actor, decision, provenance, data)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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

  setup(db: Database.Database): void {
    resetIfOutdated(db, this.name, FIELD_OPERATIONS_SCHEMA, FIELD_OPERATIONS_TABLES);
    db.exec(FIELD_OPERATIONS_SCHEMA);
  }

  forget(): void {
    this.folded = new WeakMap();
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
    const from = Math.max(recordedMsOf(event), known?.recordedFrom ?? 0);
    const row = operationRow(id, after);
    if (!known || !sameRow(row, operationRow(id, known.state))) {
      s.save.run(row.id, row.name, row.kind, row.establishedOn, row.closedOn);
    }
    const activeFrom = firstDay(after.establishedOn);
    const activeTo = after.closure ? lastDay(after.closure.closedOn) : null;
    const state = JSON.stringify(after);
    let rowid: number | bigint;
    if (known && known.recordedFrom === from) {
      rowid = known.rowid;
      s.replaceVersion.run(activeFrom, activeTo, event.revision, event.position, state, rowid);
    } else {
      if (known) s.endVersion.run(from, known.rowid);
      const added = s.addVersion.run(
        id,
        from,
        activeFrom,
        activeTo,
        event.revision,
        event.position,
        state,
      );
      rowid = added.lastInsertRowid;
    }
    const openLinks = this.saveLinks(db, id, after, known?.openLinks ?? [], event.position, from);
    this.remember(db, id, { state: after, recordedFrom: from, rowid, openLinks });
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
      fact?.data.provenance ? JSON.stringify(fact.data.provenance) : null,
      JSON.stringify(event.data),
    );
  }

  /** The operation as the rows have it now: from memory, else its last version and open links. */
  private load(db: Database.Database, id: string): Folded | undefined {
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
    return {
      state: JSON.parse(latest.state) as FieldOperation,
      recordedFrom: latest.recorded_from,
      rowid: latest.rowid,
      openLinks: s.openLinks.all(id),
    };
  }

  private remember(db: Database.Database, id: string, folded: Folded): void {
    const cache = this.folded.get(db)!;
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
    const s = statements(db);
    const named = [
      ...operation.predecessors.map((p) => [p, id] as const),
      ...operation.successors.map((successor) => [id, successor] as const),
    ];
    if (named.length === 0 && open.length === 0) return [];
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

/** The row of `field_operations`: what the operation is called and when it is active. */
function operationRow(id: string, operation: FieldOperation) {
  const { name, kind } = currentName(operation);
  const closedOn = operation.closure?.closedOn ?? null;
  return { id, name, kind, establishedOn: operation.establishedOn, closedOn };
}

function sameRow(a: ReturnType<typeof operationRow>, b: ReturnType<typeof operationRow>): boolean {
  return (
    a.name === b.name &&
    a.kind === b.kind &&
    a.establishedOn === b.establishedOn &&
    a.closedOn === b.closedOn
  );
}

/** The fact a correction names, as it stood before it (earlier corrections applied). */
function correctedBefore(event: RecordedEvent, past: readonly StoredEvent[]) {
  const { corrects } = event.data as FactCorrected;
  const original = past.find((e) => e.id === corrects);
  return original && correctedFact(original, correctionsOf(past));
}
