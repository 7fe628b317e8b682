import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import type { RecordedEvent } from '../event-store.port';
import { LazyMetadataEvent } from '../lazy-metadata-event';

/**
 * The stream copy: every stream's events in stream order, in a file beside the log
 * (`events.sqlite` -> `events.streams.sqlite`), so that loading a stream to fold it (what every
 * command does) reads one row instead of ~19 rows scattered over the log.
 *
 * Why: the log is in global order (what replay, projections, rebuilds and appends want), so a
 * stream whose events were recorded years apart lies on as many pages of it as it has events. A
 * row here holds up to CHUNK (16) consecutive events of one stream as JSON (an element per event:
 * revision, position, id, type, data, recorded-at, schema version), so a typical stream is one
 * b-tree lookup and one parse.
 *
 * What it is not: part of the record. It is derived from the log, may lag it, and can be deleted
 * whenever no registry process has it open (it is rebuilt from the log). Reads take what it has of
 * a stream and read the rest from the log (`SqliteReader.streamPages`); an event's metadata (ids,
 * hashes, the reason) is not copied and is read from the log by position when asked for, so the
 * hash a command chains to comes from the log itself. `cli verify` compares the copy with the log.
 *
 * How it keeps up: a run copies the log's events after the copy's watermark, in slices of at most
 * `sliceEvents`, in SQL (the log is attached to the copy's connection; no event passes through
 * JavaScript), for up to RUN_BUDGET_MS per turn of the event loop. Copying costs ~4-5 us per event
 * in bulk (the second write of every event, a seventh of a ten-event append) and ~30 us per event
 * when each adds one event to a stream's row (commands), so it is kept out of bursts of appends: a run starts once no append has been made for `idleMs`, or at once when this process
 * has appended `maxLag` events since the copy last reached the head; `close` copies the rest of
 * what this process appended. A run copies whatever the log has past the watermark, so appends of
 * other processes are copied by theirs or by this one's next run. Only appends start runs: a
 * process that only reads (a rebuild, `cli verify`) never spends its time copying. Whatever is
 * not copied yet is read from the log, so a lagging copy is slower, never wrong. Writes to the copy are not fsynced (synchronous=NORMAL
 * in WAL mode: a power cut may lose the last runs, which the next run redoes; it cannot corrupt).
 *
 * Consistency: the copy holds, for every stream, exactly the log's events at positions up to the
 * watermark, i.e. a prefix of the stream, because a run copies a whole range of positions in one
 * transaction that also moves the watermark. On open, the event at the watermark must be the
 * log's (same id), or the copy is emptied and rebuilt (a log restored from a backup, or another
 * file put in its place). Rows whose revisions do not follow on, or that do not parse, are never
 * served: the read goes on in the log, and the copy is turned off in this process with a warning
 * to run `cli verify` (which reports the rows and empties the copy), rather than emptied on the
 * spot, which would destroy the evidence and, if the cause were in the log, repeat on every read.
 */

/**
 * Events per row. A run adds to a stream's last row by writing it again, so a row of 64 events
 * cost ~60 us per event copied one at a time (commands) against ~33 us at 16, while loads read
 * about as fast (a 19-event stream: two rows, side by side in the key's order).
 */
export const CHUNK = 16;
/** Rows read per statement: a page of up to 256 events. */
const CHUNKS_PER_PAGE = 16;
/** The layout's version (and CHUNK): a copy of another layout is dropped and rebuilt. */
const FORMAT = 1000 + CHUNK;
/** How long a run copies before it lets the event loop take a turn. */
const RUN_BUDGET_MS = 10;
/** How long the copy's connection waits for another process's copier (reads never wait). */
const COPY_BUSY_TIMEOUT_MS = 100;
/**
 * Page caches of the copy's connection, in KiB. better-sqlite3's default is 16 MB per attached
 * file, which a copier's run fills (and keeps: +38 MB of RSS in a server at 1M events): runs touch
 * rows spread over the copy and read the log once, in order, so a small cache loses little.
 */
const COPY_CACHE_KIB = 2048;
const LOG_CACHE_KIB = 1024;
/** Differences described by `check` (all are counted). */
const DESCRIBED = 20;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS chunks (
  stream TEXT    NOT NULL,
  chunk  INTEGER NOT NULL,
  body   TEXT    NOT NULL,
  PRIMARY KEY (stream, chunk)
);
CREATE TABLE IF NOT EXISTS watermark (
  one      INTEGER PRIMARY KEY CHECK (one = 1),
  position INTEGER NOT NULL,
  id       TEXT    NOT NULL
);
INSERT OR IGNORE INTO watermark (one, position, id) VALUES (1, 0, '');
`;

/**
 * One event as a chunk's body holds it, built in SQL from the log's row. The data is the stored
 * JSON text as it stands (the store writes `JSON.stringify` output), not parsed again by SQLite.
 */
const ENTRY = `'[' || revision || ',' || position || ',' || json_quote(id) || ',' || json_quote(type)
  || ',' || data || ',' || recorded_at || ','
  || json_quote(json_extract(metadata, '$.schemaVersion')) || ']'`;

/** One copied event as stored in a chunk's body. */
type CopiedEntry = [
  revision: number,
  position: number,
  id: string,
  type: string,
  data: unknown,
  recordedAt: number,
  schemaVersion: string | null,
];

export interface StreamCopyOptions {
  /** The copy's file. */
  readonly file: string;
  /** The log's file (attached to the copy's connection, which only reads it). */
  readonly logFile: string;
  /** A run starts when no append was made for this long (default 50 ms). */
  readonly idleMs?: number;
  /** ... or at once when this process has appended this many events the copy lacks. */
  readonly maxLag?: number;
  /** Events copied per transaction. */
  readonly sliceEvents?: number;
  /** Reads the metadata of the log's event at `position` (the store's own statement). */
  readonly metadataAt: (position: bigint) => string;
  /** Told when the copy fails, is turned off or rebuilt (reads then use the log). */
  readonly warn?: (message: string) => void;
}

/** The copy's file for a log file: `events.sqlite` -> `events.streams.sqlite`. */
export function streamCopyFile(logFile: string): string {
  return logFile.endsWith('.sqlite')
    ? `${logFile.slice(0, -'.sqlite'.length)}.streams.sqlite`
    : `${logFile}.streams`;
}

/** SQLite's answer for a file that is not a database, or a damaged one. */
const DAMAGED = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);
/** SQLite's answers for a lock another connection holds: try again later. */
const BUSY = /^SQLITE_(BUSY|LOCKED)/;

// Read off the error's fields rather than by `instanceof`: errors thrown by the native addon may
// come from another realm (Jest's module sandboxes, for one).
const fieldOf = (error: unknown, key: 'code' | 'message'): string | undefined => {
  const value =
    typeof error === 'object' && error !== null
      ? (error as Record<string, unknown>)[key]
      : undefined;
  return typeof value === 'string' ? value : undefined;
};
const codeOf = (error: unknown): string => fieldOf(error, 'code') ?? '';
const messageOf = (error: unknown): string => fieldOf(error, 'message') ?? String(error);

/**
 * Opens the copy. A file that is not a database, or a damaged one, holds nothing the log does not:
 * it is deleted and made again. Undefined, with a warning, when the copy cannot be had (any other
 * error, such as a read-only folder): the store then reads streams from the log alone.
 */
export function openStreamCopy(options: StreamCopyOptions): StreamCopy | undefined {
  const without = (error: unknown): undefined => {
    options.warn?.(
      `The stream copy ${options.file} cannot be used (${messageOf(error)}); stream reads use the log alone.`,
    );
    return undefined;
  };
  try {
    return new StreamCopy(options);
  } catch (error) {
    if (!DAMAGED.has(codeOf(error))) return without(error);
    options.warn?.(
      `The stream copy ${options.file} is not readable (${messageOf(error)}); it is made again from the log.`,
    );
  }
  try {
    for (const suffix of ['', '-wal', '-shm', '-journal']) {
      rmSync(`${options.file}${suffix}`, { force: true });
    }
    return new StreamCopy(options);
  } catch (error) {
    return without(error);
  }
}

export interface CopyCheck {
  /** Copied events compared with the log's. */
  readonly compared: number;
  /** Where the copy and the log differ: the first 20 described, and how many in all. */
  readonly differences: string[];
  readonly differenceCount: number;
  /** The copy's watermark (the log's events up to it are copied) and the log's head. */
  readonly watermark: bigint;
  readonly head: bigint;
}

type Statements = ReturnType<typeof prepareStatements>;

export class StreamCopy {
  private readonly db: Database.Database;
  private readonly statements: Statements;
  private readonly idleMs: number;
  private readonly maxLag: number;
  private readonly sliceEvents: bigint;
  private readonly copySlice: (limit: bigint) => boolean;
  private timer: NodeJS.Timeout | undefined;
  private continuation: NodeJS.Immediate | undefined;
  /** Events this process appended since the copy last reached the head, and when it last did. */
  private lagged = 0;
  private lastAppendAt = 0;
  /** Set when the copy failed or was found inconsistent: it is left alone and reads use the log. */
  private off = false;

  constructor(private readonly options: StreamCopyOptions) {
    this.idleMs = Math.max(0, options.idleMs ?? 50);
    this.maxLag = Math.max(1, options.maxLag ?? 50_000);
    this.sliceEvents = BigInt(Math.max(1, options.sliceEvents ?? 5000));
    this.db = new Database(options.file);
    try {
      this.db.pragma(`busy_timeout = ${COPY_BUSY_TIMEOUT_MS}`);
      this.db.pragma(`cache_size = -${COPY_CACHE_KIB}`);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      if (this.db.pragma('user_version', { simple: true }) !== FORMAT) {
        this.db.exec('DROP TABLE IF EXISTS chunks; DROP TABLE IF EXISTS watermark;');
        this.db.pragma(`user_version = ${FORMAT}`);
      }
      this.db.exec(SCHEMA);
      this.db.prepare('ATTACH DATABASE ? AS log').run(options.logFile);
      this.db.pragma(`log.cache_size = -${LOG_CACHE_KIB}`);
      this.statements = prepareStatements(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
    const { lock, watermark, head, copy, advance } = this.statements;
    this.copySlice = this.db.transaction((limit: bigint): boolean => {
      lock.run();
      const from = watermark.get()?.position ?? 0n;
      const to = head.get() ?? 0n;
      if (to <= from) return false;
      const until = to - from > limit ? from + limit : to;
      copy.run(from, until);
      advance.run(until, until);
      return until < to;
    });
    this.attempt(() => this.checkWatermark());
  }

  /** After this process appended `events` events: a run when appends pause, or now if far behind. */
  appended(events: number): void {
    this.lagged += events;
    this.lastAppendAt = Date.now();
    if (this.lagged >= this.maxLag) this.startRun();
    else this.arm();
  }

  /** Copies everything the log has beyond the watermark, now (close, verify, tests, the bench). */
  catchUp(): void {
    this.cancelScheduled();
    while (this.attempt(() => this.slice()) === true);
  }

  /**
   * The copied events of `stream` from revision `from` on, at most `limit`, in pages; stops at
   * the first revision the copy does not have, where the caller goes on in the log. Rows that do
   * not follow on are not delivered (and turn the copy off); a copy turned off delivers nothing.
   */
  *pages(stream: string, from: bigint, limit: number): Generator<RecordedEvent[], void> {
    let next = from;
    let remaining = limit;
    while (remaining > 0 && !this.off) {
      const chunk = Number(next / BigInt(CHUNK));
      const bodies = this.attempt(() => this.statements.chunks.all(stream, chunk));
      if (bodies === undefined || bodies.length === 0) return;
      const page = this.eventsOf(stream, bodies, next, remaining);
      if (page === undefined) {
        this.turnOff(
          `has rows of ${stream} that do not follow on or do not parse; run \`cli verify\`, which reports and empties it`,
        );
        return;
      }
      if (page.length === 0) return;
      yield page;
      remaining -= page.length;
      next = page[page.length - 1].revision + 1n;
      if (next % BigInt(CHUNK) !== 0n || bodies.length < CHUNKS_PER_PAGE) return;
    }
  }

  /**
   * Compares every copied event with the log's event at its position (what `cli verify` reports),
   * after copying what the log has beyond the watermark: in SQL, in one read transaction of both
   * files, so that a copier of another process cannot move the watermark in between.
   */
  check(): CopyCheck {
    this.catchUp();
    return this.db.transaction((): CopyCheck => {
      const watermark = this.statements.watermark.get()?.position ?? 0n;
      const head = this.statements.head.get() ?? 0n;
      const differences: string[] = [];
      let compared = 0;
      let differenceCount = 0;
      const note = (what: string): void => {
        differenceCount++;
        if (differences.length < DESCRIBED) differences.push(what);
      };
      try {
        const counts = this.db
          .prepare<[bigint], { compared: number; different: number }>(
            `SELECT count(*) AS compared, coalesce(sum(NOT same), 0) AS different
             FROM (${COMPARISON})`,
          )
          .get(watermark);
        compared = counts?.compared ?? 0;
        if (counts && counts.different > 0) {
          const rows = this.db
            .prepare<[bigint], { stream: string; revision: unknown; position: unknown }>(
              `SELECT stream, revision, position FROM (${COMPARISON}) WHERE NOT same LIMIT ${DESCRIBED}`,
            )
            .all(watermark);
          for (const row of rows) {
            note(
              `${row.stream}@${String(row.revision)} (position ${String(row.position)}) differs from the log`,
            );
          }
          differenceCount = counts.different;
        }
      } catch (error) {
        note(`the copy cannot be read (${messageOf(error)})`);
      }
      if (BigInt(compared) !== watermark) {
        note(`the copy holds ${compared} events, the log ${watermark} up to the copy's watermark`);
      }
      return { compared, differences, differenceCount, watermark, head };
    })();
  }

  /** Empties the copy and turns it on again; the next run rebuilds it from the log. */
  reset(): void {
    this.db.transaction(() => {
      this.db.exec("DELETE FROM chunks; UPDATE watermark SET position = 0, id = ''");
    })();
    this.off = false;
  }

  /** Copies the rest of what this process appended (and whatever else lags), then closes. */
  close(): void {
    if (!this.db.open) return;
    const appended = this.lagged > 0;
    this.cancelScheduled();
    if (appended && !this.off) this.catchUp();
    this.db.close();
  }

  /** A slice, unless the copy already has everything (then nothing is written or locked). */
  private slice(): boolean {
    const from = this.statements.watermark.get()?.position ?? 0n;
    const to = this.statements.head.get() ?? 0n;
    if (to <= from) {
      this.lagged = 0;
      return false;
    }
    const more = this.copySlice(this.sliceEvents);
    if (!more) this.lagged = 0;
    return more;
  }

  /** A run once appends have paused for `idleMs` (unless one is already waiting or running). */
  private arm(): void {
    if (this.off || this.timer !== undefined || this.continuation !== undefined) return;
    this.timer = setTimeout(() => this.whenIdle(), this.idleMs);
    this.timer.unref();
  }

  private whenIdle(): void {
    this.timer = undefined;
    const wait = this.lastAppendAt + this.idleMs - Date.now();
    if (wait > 0) {
      this.timer = setTimeout(() => this.whenIdle(), wait);
      this.timer.unref();
    } else {
      this.run();
    }
  }

  private startRun(): void {
    if (this.off || this.continuation !== undefined) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.continuation = setImmediate(() => this.run());
    this.continuation.unref();
  }

  /**
   * Slices for up to RUN_BUDGET_MS, then again after the event loop has had a turn, until the
   * copy reaches the head. A copier of another process holding the lock: try again later.
   */
  private run(): void {
    this.continuation = undefined;
    if (!this.db.open || this.off) return;
    const started = Date.now();
    let more: boolean | undefined;
    try {
      do more = this.slice();
      while (more && Date.now() - started < RUN_BUDGET_MS);
    } catch (error) {
      if (BUSY.test(codeOf(error))) return this.arm();
      this.turnOff(`failed (${messageOf(error)})`);
      return;
    }
    if (more) {
      this.continuation = setImmediate(() => this.run());
      this.continuation.unref();
    }
  }

  private cancelScheduled(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.continuation !== undefined) clearImmediate(this.continuation);
    this.timer = undefined;
    this.continuation = undefined;
  }

  /** The watermark's event must be the log's; else the copy belongs to another log. */
  private checkWatermark(): void {
    const mark = this.statements.watermark.get();
    if (!mark || mark.position === 0n) return;
    if (this.statements.idAt.get(mark.position) === mark.id) return;
    this.options.warn?.(
      `The stream copy ${this.options.file} does not match the log at position ${mark.position}; it is rebuilt from the log.`,
    );
    this.reset();
  }

  private eventsOf(
    stream: string,
    bodies: readonly string[],
    from: bigint,
    limit: number,
  ): RecordedEvent[] | undefined {
    let entries: CopiedEntry[];
    try {
      const text = bodies.length === 1 ? `[${bodies[0]}]` : `[${bodies.join(',')}]`;
      entries = JSON.parse(text) as CopiedEntry[];
    } catch {
      return undefined;
    }
    const first = Number(from);
    const base = Math.floor(first / CHUNK) * CHUNK;
    const events: RecordedEvent[] = [];
    const metadataAt = this.options.metadataAt;
    for (let i = first - base; i < entries.length && events.length < limit; i++) {
      const entry = entries[i];
      if (!Array.isArray(entry) || entry[0] !== base + i || !wellTyped(entry)) return undefined;
      const position = BigInt(entry[1]);
      events.push(
        new LazyMetadataEvent(
          entry[2],
          stream,
          BigInt(entry[0]),
          position,
          entry[3],
          entry[4],
          () => metadataAt(position),
          new Date(entry[5]),
          entry[6],
        ),
      );
    }
    return events;
  }

  /** Runs `work`; a failure turns the copy off for this process (reads use the log). */
  private attempt<T>(work: () => T): T | undefined {
    if (this.off) return undefined;
    try {
      return work();
    } catch (error) {
      this.turnOff(`failed (${messageOf(error)})`);
      return undefined;
    }
  }

  private turnOff(why: string): void {
    this.off = true;
    this.cancelScheduled();
    this.options.warn?.(
      `The stream copy ${this.options.file} ${why}; stream reads use the log alone in this process.`,
    );
  }
}

/**
 * Each copied event beside the log's event at its position, and whether they agree: field by
 * field and of the same JSON type (reads build values from them), the entry i of chunk k being
 * revision k * CHUNK + i (what reads rely on: no gap, no swap, no duplicate), and within the
 * watermark. `?` is the watermark.
 */
const COMPARISON = `
  SELECT c.stream AS stream, x.value ->> 0 AS revision, x.value ->> 1 AS position,
         (json_array_length(x.value) = 7
          AND json_type(x.value, '$[0]') = 'integer'
          AND x.value ->> 0 = c.chunk * ${CHUNK} + x.key
          AND json_type(x.value, '$[1]') = 'integer'
          AND json_type(x.value, '$[2]') = 'text'
          AND json_type(x.value, '$[3]') = 'text'
          AND json_type(x.value, '$[5]') = 'integer'
          AND json_type(x.value, '$[6]') IN ('text', 'null')
          AND l.position IS NOT NULL AND l.position <= ? AND l.id = x.value ->> 2
          AND l.stream = c.stream AND l.revision = x.value ->> 0
          AND l.type = x.value ->> 3 AND json(l.data) = json(x.value -> 4)
          AND l.recorded_at = x.value ->> 5
          AND (l.metadata ->> '$.schemaVersion') IS (x.value ->> 6)) AS same
  FROM chunks c, json_each('[' || c.body || ']') x
  LEFT JOIN log.events l ON l.position = x.value ->> 1`;

function prepareStatements(db: Database.Database) {
  return {
    chunks: db
      .prepare<[string, number], string>(
        `SELECT body FROM chunks WHERE stream = ? AND chunk >= ? ORDER BY chunk LIMIT ${CHUNKS_PER_PAGE}`,
      )
      .pluck(),
    watermark: db
      .prepare<[], { position: bigint; id: string }>('SELECT position, id FROM watermark')
      .safeIntegers(true),
    head: db
      .prepare<[], bigint | null>('SELECT MAX(position) FROM log.events')
      .pluck()
      .safeIntegers(true),
    idAt: db.prepare<[bigint], string>('SELECT id FROM log.events WHERE position = ?').pluck(),
    // One statement copies a range of positions: grouped by stream and chunk, each group's
    // events in revision order appended to its chunk's body (a new row, or the end of the
    // stream's last one).
    copy: db.prepare<[bigint, bigint]>(`
      INSERT INTO chunks (stream, chunk, body)
      SELECT stream, revision / ${CHUNK}, group_concat(${ENTRY}, ',' ORDER BY revision)
      FROM log.events WHERE position > ? AND position <= ?
      GROUP BY stream, revision / ${CHUNK}
      ON CONFLICT (stream, chunk) DO UPDATE SET body = body || ',' || excluded.body`),
    advance: db.prepare<[bigint, bigint]>(
      `INSERT INTO watermark (one, position, id)
       VALUES (1, ?, (SELECT id FROM log.events WHERE position = ?))
       ON CONFLICT (one) DO UPDATE SET position = excluded.position, id = excluded.id`,
    ),
    // A write to the copy first, so that the transaction holds the copy's write lock before it
    // reads the watermark (BEGIN IMMEDIATE would also lock the attached log against appends).
    lock: db.prepare("INSERT OR IGNORE INTO watermark (one, position, id) VALUES (1, 0, '')"),
  };
}

/** The JSON types reads build an event from (what `check` also compares). */
const wellTyped = (entry: CopiedEntry): boolean =>
  typeof entry[1] === 'number' &&
  typeof entry[2] === 'string' &&
  typeof entry[3] === 'string' &&
  typeof entry[5] === 'number' &&
  (entry[6] === null || typeof entry[6] === 'string');
