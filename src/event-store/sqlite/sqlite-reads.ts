import type Database from 'better-sqlite3';
import type { AllFilter, RecordedEvent } from '../event-store.port';
import { EVENT_COLUMNS, type EventRow, toRecordedEvent } from './sqlite-rows';

const MAX_REVISION = 0x7fffffffffffffffn;

/** Paged reads: every page is one short statement, so no cursor stays open across awaits. */
export class SqliteReader {
  private readonly forwards: Database.Statement<[string, bigint, number], EventRow>;
  private readonly backwards: Database.Statement<[string, bigint, number], EventRow>;
  private readonly allPages = new Map<string, Database.Statement<unknown[], EventRow>>();
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
    direction: 'forwards' | 'backwards',
    from: bigint | undefined,
    limit: number,
  ): RecordedEvent[] {
    const rows =
      direction === 'forwards'
        ? this.forwards.all(stream, from ?? 0n, limit)
        : this.backwards.all(stream, from ?? MAX_REVISION, limit);
    return rows.map(toRecordedEvent);
  }

  allPage(after: bigint | undefined, limit: number, filter: AllFilter = {}): RecordedEvent[] {
    const types = filter.eventTypes ?? [];
    const prefixes = filter.streamPrefixes ?? [];
    const params: unknown[] = [after ?? 0n, ...types];
    for (const prefix of prefixes) params.push(prefix.length, prefix);
    params.push(limit);
    return this.allStatement(types.length, prefixes.length)
      .all(...params)
      .map(toRecordedEvent);
  }

  headPosition(): bigint | undefined {
    return this.head.get()?.position ?? undefined;
  }

  private allStatement(types: number, prefixes: number): Database.Statement<unknown[], EventRow> {
    const key = `${types}:${prefixes}`;
    let statement = this.allPages.get(key);
    if (!statement) {
      const where = ['position > ?'];
      if (types > 0) where.push(`type IN (${Array(types).fill('?').join(', ')})`);
      if (prefixes > 0) {
        where.push(`(${Array(prefixes).fill('substr(stream, 1, ?) = ?').join(' OR ')})`);
      }
      statement = this.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`,
      );
      this.allPages.set(key, statement);
    }
    return statement;
  }

  private prepare<P extends unknown[]>(sql: string): Database.Statement<P, EventRow> {
    return this.db.prepare<P, EventRow>(sql).safeIntegers(true);
  }
}
