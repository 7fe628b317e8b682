import type Database from 'better-sqlite3';
import type { AllFilter, Direction } from '../event-store.port';
import { EVENT_COLUMNS, type EventRow, POSITION, REVISION } from './sqlite-rows';

const MAX_REVISION = 0x7fffffffffffffffn;

/**
 * Rows per page. A page is one short statement (no cursor stays open across awaits), so pages
 * only bound memory; streams are tens of events, so a stream is nearly always one statement.
 */
export const PAGE_SIZE = 1000;

/** Paged reads of raw rows (`EventRow`); callers convert them as they deliver them. */
export class SqliteReader {
  private readonly forwards: Database.Statement<[string, bigint, number], EventRow>;
  private readonly backwards: Database.Statement<[string, bigint, number], EventRow>;
  private readonly allStatements = new Map<string, Database.Statement<unknown[], EventRow>>();
  private readonly head: Database.Statement<[], { position: bigint | null }>;

  constructor(private readonly db: Database.Database) {
    this.forwards = this.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`,
    );
    this.backwards = this.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
    );
    this.head = db
      .prepare<[], { position: bigint | null }>('SELECT MAX(position) AS position FROM events')
      .safeIntegers(true);
  }

  streamPage(
    stream: string,
    direction: Direction,
    from: bigint | undefined,
    limit: number,
  ): EventRow[] {
    return direction === 'forwards'
      ? this.forwards.all(stream, from ?? 0n, limit)
      : this.backwards.all(stream, from ?? MAX_REVISION, limit);
  }

  /** The pages of a stream read, from `from` on, until `maxCount` rows or the end. */
  *streamPages(
    stream: string,
    direction: Direction,
    from: bigint | undefined,
    maxCount: number,
  ): Generator<EventRow[], void> {
    let remaining = maxCount;
    while (remaining > 0) {
      const page = this.streamPage(stream, direction, from, Math.min(PAGE_SIZE, remaining));
      yield page;
      if (page.length < PAGE_SIZE) return;
      remaining -= page.length;
      const last = page[page.length - 1][REVISION];
      from = direction === 'forwards' ? last + 1n : last - 1n;
      if (from < 0n) return;
    }
  }

  allPage(after: bigint | undefined, limit: number, filter: AllFilter = {}): EventRow[] {
    const types = filter.eventTypes ?? [];
    const prefixes = filter.streamPrefixes ?? [];
    const params: unknown[] = [after ?? 0n, ...types];
    for (const prefix of prefixes) params.push(prefix.length, prefix);
    params.push(limit);
    return this.allStatement(types.length, prefixes.length).all(...params);
  }

  /** The pages of the global log after `after`, until `maxCount` rows or the end. */
  *allPages(
    after: bigint | undefined,
    maxCount: number,
    filter: AllFilter | undefined,
  ): Generator<EventRow[], void> {
    let remaining = maxCount;
    while (remaining > 0) {
      const page = this.allPage(after, Math.min(PAGE_SIZE, remaining), filter);
      yield page;
      if (page.length < PAGE_SIZE) return;
      remaining -= page.length;
      after = page[page.length - 1][POSITION];
    }
  }

  headPosition(): bigint | undefined {
    return this.head.get()?.position ?? undefined;
  }

  private allStatement(types: number, prefixes: number): Database.Statement<unknown[], EventRow> {
    const key = `${types}:${prefixes}`;
    let statement = this.allStatements.get(key);
    if (!statement) {
      const where = ['position > ?'];
      if (types > 0) where.push(`type IN (${Array(types).fill('?').join(', ')})`);
      if (prefixes > 0) {
        where.push(`(${Array(prefixes).fill('substr(stream, 1, ?) = ?').join(' OR ')})`);
      }
      statement = this.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`,
      );
      this.allStatements.set(key, statement);
    }
    return statement;
  }

  private prepare<P extends unknown[]>(sql: string): Database.Statement<P, EventRow> {
    return this.db.prepare<P, EventRow>(sql).safeIntegers(true).raw();
  }
}
