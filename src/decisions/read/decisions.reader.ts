import type Database from 'better-sqlite3';
import { type ReadModelSource, readModelSource } from '../../projections/read-model-source';
import { statementCache } from '../../projections/statement-cache';
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

const ORDER = 'ORDER BY adopted_on, id';

/** "Everything recorded so far": later than any recorded instant. */
const NOW = Number.MAX_SAFE_INTEGER;

const statements = statementCache((db: Database.Database) => ({
  all: db.prepare<[number], DecisionRow>(
    `SELECT ${COLUMNS} FROM decisions WHERE recorded_from <= ? ${ORDER}`,
  ),
  ofBody: db.prepare<[string, number], DecisionRow>(
    `SELECT ${COLUMNS} FROM decisions WHERE body = ? AND recorded_from <= ? ${ORDER}`,
  ),
  byId: db.prepare<[string, number], DecisionRow>(
    `SELECT ${COLUMNS} FROM decisions WHERE id = ? AND recorded_from <= ?`,
  ),
}));

/** Answers the read API's decision questions from the `decisions` read model. */
export class DecisionsReader {
  private readonly source: ReadModelSource;

  constructor(source: ReadModelSource | Database.Database) {
    this.source = readModelSource(source);
  }

  /** The current read-model file's statements (it changes when a rebuild is switched in). */
  private get q() {
    return statements(this.source.db);
  }

  /**
   * Every decision recorded at or before `knownAt` (epoch ms; default: all), by adoption date then
   * id; optionally of one body only.
   */
  list(body?: DecisionBody, knownAt = NOW): DecisionEntry[] {
    const q = this.q;
    return (body ? q.ofBody.all(body, knownAt) : q.all.all(knownAt)).map(entryOf);
  }

  get(id: string, knownAt = NOW): DecisionEntry | undefined {
    const row = this.q.byId.get(id, knownAt);
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
