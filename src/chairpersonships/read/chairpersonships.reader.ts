import { CHAIRPERSONSHIP_TABLES } from './chairpersonships.schema';
import type Database from 'better-sqlite3';
import { ParticipatingStatesReader } from '../../participating-states/read/participating-states.reader';
import { type ReadModelSource, readModelSource } from '../../projections/read-model-source';
import { statementCache } from '../../projections/statement-cache';
import { firstDay } from '../../shared/domain/partial-date';
import type { Chairpersonship } from '../domain/chairpersonship';
import { type ChairpersonshipStatus, type ChairpersonshipView, viewOn } from '../domain/view';
import {
  historyItemOf,
  NOW,
  type RecordedHistoryItem,
  type VersionRow,
  versionStatements,
} from '../../projections/recorded-versions';

export interface ChairpersonshipEntry extends ChairpersonshipView {
  /** The chairing State's name as it was when the Chairpersonship began (null if unknown). */
  stateName: string | null;
  revision: number;
}

export type ChairpersonshipHistoryItem = RecordedHistoryItem;

export interface ChairpersonshipDetail extends ChairpersonshipEntry {
  asOf: string;
  history: ChairpersonshipHistoryItem[];
}

export type ChairpersonshipStatusFilter = ChairpersonshipStatus | 'all';

const today = (): string => new Date().toISOString().slice(0, 10);

const statements = statementCache((db: Database.Database) =>
  versionStatements(db, CHAIRPERSONSHIP_TABLES),
);

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
      history: this.q.historyOf.all(id, knownAt).map(historyItemOf),
    };
  }

  private entryOf(row: VersionRow, asOf: string, knownAt: number): ChairpersonshipEntry {
    const chair = JSON.parse(row.state) as Chairpersonship;
    const stateName = this.states.nameOn(chair.state, firstDay(chair.from), knownAt) ?? null;
    return { ...viewOn(chair, asOf), stateName, revision: row.revision };
  }
}
