import type Database from 'better-sqlite3';
import { type ReadModelSource, readModelSource } from '../../projections/read-model-source';
import { statementCache } from '../../projections/statement-cache';
import type { DecisionBody } from '../domain/decision';
import { type Page, type PageRequest, pageOf } from '../../shared/read/page.query';
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

/** A page's bounds: after the decision (adoptedOn, id); at most `limit` rows. */
interface PageBounds {
  knownAt: number;
  afterOn: string;
  after: string;
  limit: number;
}

const AFTER = '(adopted_on, id) > (@afterOn, @after) AND recorded_from <= @knownAt';

const statements = statementCache((db: Database.Database) => ({
  all: db.prepare<[PageBounds], DecisionRow>(
    `SELECT ${COLUMNS} FROM decisions WHERE ${AFTER} ${ORDER} LIMIT @limit`,
  ),
  ofBody: db.prepare<[PageBounds & { body: string }], DecisionRow>(
    `SELECT ${COLUMNS} FROM decisions WHERE body = @body AND ${AFTER} ${ORDER} LIMIT @limit`,
  ),
  adoptedOn: db.prepare<[string], { adopted_on: string }>(
    'SELECT adopted_on FROM decisions WHERE id = ?',
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
    return this.rows(body, { knownAt, afterOn: '', after: '', limit: -1 }).map(entryOf);
  }

  /**
   * A page of `list` after the decision `page.after` (by adoption date then id); undefined when
   * `page.after` names no registered decision.
   */
  page(
    body: DecisionBody | undefined,
    knownAt: number | undefined,
    page: PageRequest,
  ): Page<DecisionEntry> | undefined {
    const afterOn = page.after ? this.q.adoptedOn.get(page.after)?.adopted_on : '';
    if (afterOn === undefined) return undefined;
    const bounds = { knownAt: knownAt ?? NOW, afterOn, after: page.after, limit: page.limit + 1 };
    return pageOf(this.rows(body, bounds).map(entryOf), page.limit);
  }

  private rows(body: DecisionBody | undefined, bounds: PageBounds): DecisionRow[] {
    const q = this.q;
    return body ? q.ofBody.all({ ...bounds, body }) : q.all.all(bounds);
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
