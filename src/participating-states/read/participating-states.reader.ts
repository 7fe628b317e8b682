import type Database from 'better-sqlite3';
import { type ReadModelSource, readModelSource } from '../../projections/read-model-source';
import { statementCache } from '../../projections/statement-cache';
import type { PartialDate } from '../../shared/domain/partial-date';

export interface ParticipatingStateEntry {
  id: string;
  name: string;
  admittedOn: PartialDate;
}

const COLUMNS = 'id, name, admitted_on AS admittedOn';

/** "Everything recorded so far": later than any recorded instant. */
const NOW = Number.MAX_SAFE_INTEGER;

const statements = statementCache((db: Database.Database) => ({
  all: db.prepare<[number], ParticipatingStateEntry>(
    `SELECT ${COLUMNS} FROM participating_states WHERE recorded_from <= ? ORDER BY id`,
  ),
  admittedBy: db.prepare<[string, number], ParticipatingStateEntry>(
    `SELECT ${COLUMNS} FROM participating_states WHERE admitted_from <= ? AND recorded_from <= ?
     ORDER BY id`,
  ),
  byId: db.prepare<[string, number], ParticipatingStateEntry>(
    `SELECT ${COLUMNS} FROM participating_states WHERE id = ? AND recorded_from <= ?`,
  ),
}));

/** Answers the read API's participating-State questions from its read model. */
export class ParticipatingStatesReader {
  private readonly source: ReadModelSource;

  constructor(source: ReadModelSource | Database.Database) {
    this.source = readModelSource(source);
  }

  /** The current read-model file's statements (it changes when a rebuild is switched in). */
  private get q() {
    return statements(this.source.db);
  }

  /**
   * Every State recorded at or before `knownAt` (epoch ms; default: all), or those of them admitted
   * on or before `asOf` (a period counts from its first day).
   */
  list(asOf?: string, knownAt = NOW): ParticipatingStateEntry[] {
    const q = this.q;
    return asOf ? q.admittedBy.all(asOf, knownAt) : q.all.all(knownAt);
  }

  get(id: string, knownAt = NOW): ParticipatingStateEntry | undefined {
    return this.q.byId.get(id, knownAt);
  }
}
