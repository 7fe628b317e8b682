import Database from 'better-sqlite3';
import type { AllFilter, Direction, RecordedEvent } from '../event-store.port';
import {
  EVENT_COLUMNS,
  type EventRow,
  POSITION,
  REVISION,
  STREAM_COLUMNS,
  type StreamRow,
} from './sqlite-rows';
import type { StreamCopy } from './stream-copy';

const MAX_REVISION = 0x7fffffffffffffffn;

/**
 * Rows per page. A page is one short statement (no cursor stays open across awaits), so pages
 * only bound memory; streams are tens of events, so a stream is nearly always one statement.
 */
export const PAGE_SIZE = 1000;

/**
 * Reads of fewer events than this go to the log even with a stream copy: one indexed row there
 * costs less than parsing a copied chunk (up to 64 events).
 */
const COPY_MIN_COUNT = 8;

/** A page of a stream read: rows of the log, converted as delivered, and events of the copy. */
export type StreamItem = StreamRow | RecordedEvent;

/** Statements of one read: with `LIMIT PAGE_SIZE` written out, and with `LIMIT ?` for the rest. */
interface Limited<P extends unknown[]> {
  readonly page: Database.Statement<P, StreamRow>;
  readonly fewer: Database.Statement<[...P, number], StreamRow>;
}

/**
 * Paged reads of raw rows (`EventRow`); callers convert them as they deliver them. Forward
 * stream reads start with the stream copy's events, which come converted (`StreamItem`).
 *
 * A full page is read with its LIMIT written into the SQL: with a bound `LIMIT ?` the same
 * statement took ~10 us longer per run (measured on stream reads of ~18 rows: 47 against 37 us),
 * a quarter of reading a small stream. Shorter limits (a `maxCount`, a last page) are bound.
 */
export class SqliteReader {
  private readonly forwards: Limited<[string, bigint]>;
  private readonly backwards: Limited<[string, bigint]>;
  private readonly allStatements = new Map<string, Database.Statement<unknown[], EventRow>>();
  private readonly head: Database.Statement<[], { position: bigint | null }>;
  private atPosition?: Database.Statement<[bigint], EventRow>;
  private readonly metadataOf: Database.Statement<[bigint], string>;

  /**
   * `streams` serves stream reads (it may be a connection of its own, see SqliteEventStore), `db`
   * the reads of the global log; `copy`, when there is one, the start of forward stream reads.
   */
  constructor(
    private readonly db: Database.Database,
    streams: Database.Database = db,
    private readonly copy?: StreamCopy,
  ) {
    this.forwards = this.limited(
      streams,
      `SELECT ${STREAM_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision`,
    );
    this.backwards = this.limited(
      streams,
      `SELECT ${STREAM_COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC`,
    );
    this.head = db
      .prepare<[], { position: bigint | null }>('SELECT MAX(position) AS position FROM events')
      .safeIntegers(true);
    this.metadataOf = streams
      .prepare<[bigint], string>('SELECT metadata FROM events WHERE position = ?')
      .pluck();
  }

  /** The stored metadata of the event at `position` (what a stream copy's events read lazily). */
  metadataAt(position: bigint): string {
    const metadata = this.metadataOf.get(position);
    if (metadata === undefined) throw new Error(`No event at position ${position}`);
    return metadata;
  }

  streamPage(
    stream: string,
    direction: Direction,
    from: bigint | undefined,
    limit: number,
  ): StreamRow[] {
    const statements = direction === 'forwards' ? this.forwards : this.backwards;
    const start = from ?? (direction === 'forwards' ? 0n : MAX_REVISION);
    return limit === PAGE_SIZE
      ? statements.page.all(stream, start)
      : statements.fewer.all(stream, start, limit);
  }

  /**
   * The pages of a stream read, from `from` on, until `maxCount` events or the end. A forward
   * read of more than a few events takes what the stream copy has first (its events come
   * converted), then reads the rest from the log.
   */
  *streamPages(
    stream: string,
    direction: Direction,
    from: bigint | undefined,
    maxCount: number,
  ): Generator<readonly StreamItem[], void> {
    let remaining = maxCount;
    if (this.copy && direction === 'forwards' && maxCount >= COPY_MIN_COUNT) {
      for (const page of this.copy.pages(stream, from ?? 0n, remaining)) {
        yield page;
        remaining -= page.length;
        from = page[page.length - 1].revision + 1n;
      }
    }
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
    const full = limit === PAGE_SIZE;
    if (!full) params.push(limit);
    return this.allStatement(types.length, prefixes.length, full).all(...params);
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

  /** The row at `position`, if any: one seek on the primary key (prepared on first use). */
  rowAt(position: bigint): EventRow | undefined {
    this.atPosition ??= prepare<[bigint], EventRow>(
      this.db,
      `SELECT ${EVENT_COLUMNS} FROM events WHERE position = ?`,
    );
    return this.atPosition.get(position);
  }

  private allStatement(
    types: number,
    prefixes: number,
    full: boolean,
  ): Database.Statement<unknown[], EventRow> {
    const key = `${types}:${prefixes}:${full ? 'page' : 'fewer'}`;
    let statement = this.allStatements.get(key);
    if (!statement) {
      const where = ['position > ?'];
      if (types > 0) where.push(`type IN (${Array(types).fill('?').join(', ')})`);
      if (prefixes > 0) {
        where.push(`(${Array(prefixes).fill('substr(stream, 1, ?) = ?').join(' OR ')})`);
      }
      statement = prepare(
        this.db,
        `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ${full ? PAGE_SIZE : '?'}`,
      );
      this.allStatements.set(key, statement);
    }
    return statement;
  }

  private limited<P extends unknown[]>(db: Database.Database, sql: string): Limited<P> {
    return {
      page: prepare<P, StreamRow>(db, `${sql} LIMIT ${PAGE_SIZE}`),
      fewer: prepare<[...P, number], StreamRow>(db, `${sql} LIMIT ?`),
    };
  }
}

/**
 * The stored metadata of the event at `position`, read on a connection of its own: for an event
 * read through the stream copy whose metadata is first asked for after its store was closed.
 */
export function metadataFromFile(file: string, position: bigint): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return new SqliteReader(db).metadataAt(position);
  } finally {
    db.close();
  }
}

function prepare<P extends unknown[], R = EventRow>(
  db: Database.Database,
  sql: string,
): Database.Statement<P, R> {
  return db.prepare<P, R>(sql).safeIntegers(true).raw();
}
