import {
  historyItemOf,
  NOW,
  type RecordedHistoryItem,
  type VersionRow,
  versionStatements,
} from '../../projections/recorded-versions';
import { PARTICIPATING_STATE_TABLES } from './participating-states.schema';
import type Database from 'better-sqlite3';
import { type ReadModelSource, readModelSource } from '../../projections/read-model-source';
import { statementCache } from '../../projections/statement-cache';
import { nameInForce, type ParticipatingStateRecord } from '../domain/participating-state';
import {
  type ParticipatingStateView,
  type Registry,
  type StateStatus,
  viewOn,
} from '../domain/view';

/** A State as the read API shows it on a day, with its stream revision. */
export interface ParticipatingStateEntry extends ParticipatingStateView {
  revision: number;
}

export type StateHistoryItem = RecordedHistoryItem;

export interface ParticipatingStateDetail extends ParticipatingStateEntry {
  asOf: string;
  history: StateHistoryItem[];
}

export type StateStatusFilter = StateStatus | 'all';

export interface ParticipatingStatesOn {
  asOf: string;
  /** How many States participated on `asOf` (suspended and continued States counted out). */
  count: number;
  items: ParticipatingStateEntry[];
}

const statements = statementCache((db: Database.Database) =>
  versionStatements(db, PARTICIPATING_STATE_TABLES),
);

/** Today, UTC, as `YYYY-MM-DD`. */
const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * Answers the read API's participating-State questions, on a day of valid time (`asOf`) as
 * recorded up to an instant (`knownAt`). A State's status depends on others (its continuator), so
 * every State known at `knownAt` is read: tens of rows.
 */
export class ParticipatingStatesReader {
  private readonly source: ReadModelSource;

  constructor(source: ReadModelSource | Database.Database) {
    this.source = readModelSource(source);
  }

  /** The current read-model file's statements (it changes when a rebuild is switched in). */
  private get q() {
    return statements(this.source.db);
  }

  private known(knownAt: number): { rows: VersionRow[]; registry: Registry } {
    const rows = this.q.known.all({ knownAt });
    const registry = new Map(
      rows.map((row) => {
        const state = JSON.parse(row.state) as ParticipatingStateRecord;
        return [row.id, state] as const;
      }),
    );
    return { rows, registry };
  }

  /** The States on `asOf` (default today) whose status passes the filter, and the count. */
  on(query: {
    asOf?: string;
    knownAt?: number;
    status?: StateStatusFilter;
  }): ParticipatingStatesOn {
    const asOf = query.asOf ?? today();
    const { rows, registry } = this.known(query.knownAt ?? NOW);
    const all = rows.map((row) => ({
      ...viewOn(registry.get(row.id)!, asOf, registry),
      revision: row.revision,
    }));
    const status = query.status ?? 'participating';
    return {
      asOf,
      count: all.filter((s) => s.status === 'participating').length,
      items: status === 'all' ? all : all.filter((s) => s.status === status),
    };
  }

  /**
   * Every State recorded at or before `knownAt` (epoch ms; default: all), viewed today; with
   * `asOf`, only those participating on that day.
   */
  list(asOf?: string, knownAt = NOW): ParticipatingStateEntry[] {
    return asOf ? this.on({ asOf, knownAt }).items : this.on({ knownAt, status: 'all' }).items;
  }

  /** How many States participated on `asOf`, as recorded up to `knownAt`. */
  countOn(asOf: string, knownAt = NOW): number {
    return this.on({ asOf, knownAt }).count;
  }

  /** The State's name in force on `day`, as recorded up to `knownAt`; undefined if unknown. */
  nameOn(id: string, day: string, knownAt = NOW): string | undefined {
    const row = this.q.byId.get(id, knownAt);
    if (!row) return undefined;
    return nameInForce((JSON.parse(row.state) as ParticipatingStateRecord).names, day).name;
  }

  /** The State on `asOf` (default today) with its history, as recorded up to `knownAt`. */
  get(id: string, knownAt = NOW, asOf = today()): ParticipatingStateDetail | undefined {
    const { rows, registry } = this.known(knownAt);
    const row = rows.find((r) => r.id === id);
    if (!row) return undefined;
    return {
      ...viewOn(registry.get(id)!, asOf, registry),
      revision: row.revision,
      asOf,
      history: this.q.historyOf.all(id, knownAt).map(historyItemOf),
    };
  }
}
