import type Database from 'better-sqlite3';
import type { PartialDate } from '../../shared/domain/partial-date';

export interface ParticipatingStateEntry {
  id: string;
  name: string;
  admittedOn: PartialDate;
}

const COLUMNS = 'id, name, admitted_on AS admittedOn';

/** Answers the read API's participating-State questions from its read model. */
export class ParticipatingStatesReader {
  private readonly all: Database.Statement<[], ParticipatingStateEntry>;
  private readonly admittedBy: Database.Statement<[string], ParticipatingStateEntry>;
  private readonly byId: Database.Statement<[string], ParticipatingStateEntry>;

  constructor(db: Database.Database) {
    this.all = db.prepare(`SELECT ${COLUMNS} FROM participating_states ORDER BY id`);
    this.admittedBy = db.prepare(
      `SELECT ${COLUMNS} FROM participating_states WHERE admitted_from <= ? ORDER BY id`,
    );
    this.byId = db.prepare(`SELECT ${COLUMNS} FROM participating_states WHERE id = ?`);
  }

  /** Every State known, or those admitted on or before `asOf` (a period counts from its first day). */
  list(asOf?: string): ParticipatingStateEntry[] {
    return asOf ? this.admittedBy.all(asOf) : this.all.all();
  }

  get(id: string): ParticipatingStateEntry | undefined {
    return this.byId.get(id);
  }
}
