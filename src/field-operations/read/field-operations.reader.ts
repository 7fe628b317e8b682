import type Database from 'better-sqlite3';
import type { Kind } from '../domain/kinds';
import type { FieldOperation } from '../domain/state';
import {
  detailOn,
  type FieldOperationDetail,
  type Links,
  type StatusFilter,
} from './field-operation-detail';
import type { HistoryItem } from './history-item';

interface OperationRow {
  id: string;
  revision: number;
  state: string;
}

interface LinkRow {
  predecessor: string;
  successor: string;
}

interface HistoryRow {
  position: number;
  revision: number;
  type: string;
  summary: string;
  effective_on: string | null;
  recorded_at: string;
  actor: string | null;
  decision: string | null;
  data: string;
}

export interface FieldOperationFilter {
  asOf: string;
  status?: StatusFilter;
  hostState?: string;
  kind?: Kind;
}

const LINK_ORDER = 'ORDER BY position, predecessor, successor';

/** Answers the read API's field-operation questions from the `field-operations` read model. */
export class FieldOperationsReader {
  private readonly all: Database.Statement<[], OperationRow>;
  private readonly hostedBy: Database.Statement<[string], OperationRow>;
  private readonly byId: Database.Statement<[string], OperationRow>;
  private readonly allLinks: Database.Statement<[], LinkRow>;
  private readonly linksOf: Database.Statement<[string, string], LinkRow>;
  private readonly historyOf: Database.Statement<[string], HistoryRow>;

  constructor(db: Database.Database) {
    const columns = 'o.id, o.revision, o.state';
    this.all = db.prepare(`SELECT ${columns} FROM field_operations o ORDER BY o.id`);
    this.hostedBy = db.prepare(
      `SELECT ${columns} FROM field_operations o
       JOIN field_operation_host_states h ON h.operation_id = o.id
       WHERE h.state_id = ? ORDER BY o.id`,
    );
    this.byId = db.prepare(`SELECT ${columns} FROM field_operations o WHERE o.id = ?`);
    this.allLinks = db.prepare(
      `SELECT predecessor, successor FROM field_operation_successions ${LINK_ORDER}`,
    );
    this.linksOf = db.prepare(
      `SELECT predecessor, successor FROM field_operation_successions
       WHERE predecessor = ? OR successor = ? ${LINK_ORDER}`,
    );
    this.historyOf = db.prepare(
      `SELECT position, revision, type, summary, effective_on, recorded_at, actor, decision, data
       FROM field_operation_history WHERE operation_id = ? ORDER BY position`,
    );
  }

  /** Every operation whose view on `asOf` passes the filter, by id. */
  list(filter: FieldOperationFilter): FieldOperationDetail[] {
    const rows = filter.hostState ? this.hostedBy.all(filter.hostState) : this.all.all();
    const links = this.allLinks.all();
    return rows
      .map((row) => detailOn(stateOf(row), row.revision, linksFor(row.id, links), filter.asOf))
      .filter(
        (view) =>
          (!filter.status || filter.status === 'all' || view.status === filter.status) &&
          (!filter.kind || view.kind === filter.kind),
      );
  }

  get(id: string, asOf: string): FieldOperationDetail | undefined {
    const row = this.byId.get(id);
    if (!row) return undefined;
    return detailOn(stateOf(row), row.revision, linksFor(id, this.linksOf.all(id, id)), asOf);
  }

  /** Every event of the operation in log order, or undefined when it is not registered. */
  history(id: string): HistoryItem[] | undefined {
    if (!this.byId.get(id)) return undefined;
    return this.historyOf.all(id).map((row) => ({
      position: row.position,
      revision: row.revision,
      type: row.type,
      summary: row.summary,
      effectiveOn: row.effective_on,
      recordedAt: row.recorded_at,
      actor: row.actor,
      decision: row.decision,
      data: JSON.parse(row.data) as unknown,
    }));
  }
}

const stateOf = (row: OperationRow): FieldOperation => JSON.parse(row.state) as FieldOperation;

function linksFor(id: string, links: readonly LinkRow[]): Links {
  return {
    predecessors: links.filter((l) => l.successor === id).map((l) => l.predecessor),
    successors: links.filter((l) => l.predecessor === id).map((l) => l.successor),
  };
}
