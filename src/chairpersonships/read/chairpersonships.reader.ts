import type Database from 'better-sqlite3';
import { ParticipatingStatesReader } from '../../participating-states/read/participating-states.reader';
import { type ReadModelSource, readModelSource } from '../../projections/read-model-source';
import { statementCache } from '../../projections/statement-cache';
import { firstDay, type PartialDate } from '../../shared/domain/partial-date';
import type { Chairpersonship } from '../domain/chairpersonship';
import { type ChairpersonshipStatus, type ChairpersonshipView, viewOn } from '../domain/view';

export interface ChairpersonshipEntry extends ChairpersonshipView {
  /** The chairing State's name as it was when the Chairpersonship began (null if unknown). */
  stateName: string | null;
  revision: number;
}

export interface ChairpersonshipHistoryItem {
  id: string;
  position: number;
  revision: number;
  type: string;
  summary: string;
  effectiveOn: PartialDate | null;
  recordedAt: string;
  actor: string | null;
  data: unknown;
}

export interface ChairpersonshipDetail extends ChairpersonshipEntry {
  asOf: string;
  history: ChairpersonshipHistoryItem[];
}

export type ChairpersonshipStatusFilter = ChairpersonshipStatus | 'all';

interface VersionRow {
  id: string;
  revision: number;
  state: string;
}

interface HistoryRow {
  position: number;
  revision: number;
  event_id: string;
  type: string;
  summary: string;
  effective_on: string | null;
  recorded_at: string;
  actor: string | null;
  data: string;
}

const NOW = Number.MAX_SAFE_INTEGER;
const today = (): string => new Date().toISOString().slice(0, 10);

const statements = statementCache((db: Database.Database) => ({
  known: db.prepare<[{ knownAt: number }], VersionRow>(
    `SELECT v.chairpersonship_id AS id, v.revision, v.state
     FROM chairpersonships c
     JOIN chairpersonship_versions v ON v.chairpersonship_id = c.id AND v.recorded_from = (
       SELECT MAX(w.recorded_from) FROM chairpersonship_versions w
       WHERE w.chairpersonship_id = c.id AND w.recorded_from <= @knownAt)
     ORDER BY c.from_day, c.id`,
  ),
  byId: db.prepare<[string, number], VersionRow>(
    `SELECT chairpersonship_id AS id, revision, state FROM chairpersonship_versions
     WHERE chairpersonship_id = ? AND recorded_from <= ? ORDER BY recorded_from DESC LIMIT 1`,
  ),
  historyOf: db.prepare<[string, number], HistoryRow>(
    `SELECT position, revision, event_id, type, summary, effective_on, recorded_at, actor, data
     FROM chairpersonship_history WHERE chairpersonship_id = ? AND recorded_from <= ?
     ORDER BY position`,
  ),
}));

/** Answers the Chairpersonship questions on a day (`asOf`) as recorded up to `knownAt`. */
export class ChairpersonshipsReader {
  private readonly source: ReadModelSource;
  private readonly states: ParticipatingStatesReader;

  constructor(source: ReadModelSource | Database.Database) {
    this.source = readModelSource(source);
    this.states = new ParticipatingStatesReader(this.source);
  }

  private get q() {
    return statements(this.source.db);
  }

  /** Chairpersonships whose status on `asOf` (default today) passes the filter (default: in office). */
  list(query: { asOf?: string; knownAt?: number; status?: ChairpersonshipStatusFilter }): {
    asOf: string;
    items: ChairpersonshipEntry[];
  } {
    const asOf = query.asOf ?? today();
    const knownAt = query.knownAt ?? NOW;
    const status = query.status ?? 'in-office';
    const items = this.q.known
      .all({ knownAt })
      .map((row) => this.entryOf(row, asOf, knownAt))
      .filter((entry) => status === 'all' || entry.status === status);
    return { asOf, items };
  }

  get(id: string, asOf = today(), knownAt = NOW): ChairpersonshipDetail | undefined {
    const row = this.q.byId.get(id, knownAt);
    if (!row) return undefined;
    return {
      ...this.entryOf(row, asOf, knownAt),
      asOf,
      history: this.q.historyOf.all(id, knownAt).map((h) => ({
        id: h.event_id,
        position: h.position,
        revision: h.revision,
        type: h.type,
        summary: h.summary,
        effectiveOn: h.effective_on,
        recordedAt: h.recorded_at,
        actor: h.actor,
        data: JSON.parse(h.data) as unknown,
      })),
    };
  }

  private entryOf(row: VersionRow, asOf: string, knownAt: number): ChairpersonshipEntry {
    const chair = JSON.parse(row.state) as Chairpersonship;
    const stateName = this.states.nameOn(chair.state, firstDay(chair.from), knownAt) ?? null;
    return { ...viewOn(chair, asOf), stateName, revision: row.revision };
  }
}
