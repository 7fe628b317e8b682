import type Database from 'better-sqlite3';
import type { DecisionBody } from '../domain/decision';
import type { DecisionEntry } from './decision-entry';

interface DecisionRow {
  id: string;
  reference: string;
  body: DecisionBody;
  adopted_on: string;
  title: string | null;
  source_url: string | null;
  effects: string;
  position: number;
  recorded_at: string;
  actor: string | null;
}

const COLUMNS =
  'id, reference, body, adopted_on, title, source_url, effects, position, recorded_at, actor';

/** Answers the read API's decision questions from the `decisions` read model. */
export class DecisionsReader {
  private readonly all: Database.Statement<[], DecisionRow>;
  private readonly ofBody: Database.Statement<[string], DecisionRow>;
  private readonly byId: Database.Statement<[string], DecisionRow>;

  constructor(db: Database.Database) {
    const order = 'ORDER BY adopted_on, id';
    this.all = db.prepare(`SELECT ${COLUMNS} FROM decisions ${order}`);
    this.ofBody = db.prepare(`SELECT ${COLUMNS} FROM decisions WHERE body = ? ${order}`);
    this.byId = db.prepare(`SELECT ${COLUMNS} FROM decisions WHERE id = ?`);
  }

  /** Every decision, by adoption date then id; optionally of one body only. */
  list(body?: DecisionBody): DecisionEntry[] {
    return (body ? this.ofBody.all(body) : this.all.all()).map(entryOf);
  }

  get(id: string): DecisionEntry | undefined {
    const row = this.byId.get(id);
    return row ? entryOf(row) : undefined;
  }
}

function entryOf(row: DecisionRow): DecisionEntry {
  return {
    id: row.id,
    reference: row.reference,
    body: row.body,
    adoptedOn: row.adopted_on,
    title: row.title,
    sourceUrl: row.source_url,
    effects: JSON.parse(row.effects) as DecisionEntry['effects'],
    position: row.position,
    recordedAt: row.recorded_at,
    actor: row.actor,
  };
}
