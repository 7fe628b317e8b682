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
 * row here holds up to CHUNK consecutive events of one stream as JSON (an element per event:
 * revision, position, id, type, data, recorded-at, schema version), so a typical stream is one
 * b-tree lookup and one parse.
 *
 * What it is not: part of the record. It is derived from the log, may lag it, and can be deleted
 * at any time (it is rebuilt from the log). Reads take what it has of a stream and read the rest
 * from the log (`SqliteReader.streamPages`); an event's metadata (ids, hashes, the reason) is not
 * copied and is read from the log by position when asked for, so the hash a command chains to
 * comes from the log itself. `cli verify` compares the copy with the log.
 *
 * How it keeps up: a run copies the log's events after the copy's watermark, in slices of at most
 * `sliceEvents`, in SQL (the log is attached to the copy's connection; no event passes through
 * JavaScript), yielding to the event loop between slices. Copying costs ~4-5 us per event (the
 * second write of every event), a seventh of a ten-event append, so it is kept out of bursts of
 * appends: a run starts once no append has been made for `idleMs`, or at once when this process
 * has appended `maxLag` events since the last run. A stream read also asks for a run (after
 * `idleMs`), so that a process that only reads catches up what others appended. Whatever is not
 * copied yet is read from the log, so a lagging copy is slower, never wrong. Writes to the copy
 * are not fsynced (synchronous=NORMAL in WAL mode: a power cut may lose the last runs, which the
 * next run redoes; it cannot corrupt the file).
 *
 * Consistency: the copy holds, for every stream, exactly the log's events at positions up to the
 * watermark, i.e. a prefix of the stream, because a run copies a whole range of positions in one
 * transaction that also moves the watermark. On open, the event at the watermark must be the
 * log's (same id), or the copy is emptied and rebuilt (a log restored from a backup, or another
 * file put in its place). A row whose revisions do not follow on is never served: the read falls
 * back to the log and the copy is emptied.
 */

/** Events per row: a stream of up to this many events is one row. */
export const CHUNK = 64;
/** Rows read per statement: a page of up to 1,024 events. */
const CHUNKS_PER_PAGE = 16;
/** Bumped when the layout changes: a copy of another layout is dropped and rebuilt. */
const FORMAT = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS chunks (
  stream        TEXT    NOT NULL,
  chunk         INTEGER NOT NULL,
  body          TEXT    NOT NULL,
  PRIMARY KEY (stream, chunk)
);
CREATE TABLE IF NOT EXISTS watermark (
  one      INTEGER PRIMARY KEY CHECK (one = 1),
  position INTEGER NOT NULL,
  id       TEXT    NOT NULL
);
INSERT OR IGNORE INTO watermark (one, position, id) VALUES (1, 0, '');
`;

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
  /** The log's file (attached read-only in spirit: the copy never writes to it). */
  readonly logFile: string;
  readonly busyTimeoutMs: number;
  /** A run starts when no append was made for this long (default 50 ms). */
  readonly idleMs?: number;
  /** ... or at once when this process has appended this many events since the last run. */
  readonly maxLag?: number;
  /** Events copied per transaction; a run yields to the event loop between slices. */
  readonly sliceEvents?: number;
  /** Reads the metadata of the log's event at `position` (the store's own statement). */
  readonly metadataAt: (position: bigint) => string;
  /** Told when the copy fails or is found inconsistent (then reads use the log alone). */
  readonly warn?: (message: string) => void;
}

/** The copy's file for a log file: `events.sqlite` -> `events.streams.sqlite`. */
export function streamCopyFile(logFile: string): string {
  return logFile.endsWith('.sqlite')
    ? `${logFile.slice(0, -'.sqlite'.length)}.streams.sqlite`
    : `${logFile}.streams`;
}

/**
 * Opens the copy; a file that cannot be opened as one (not a database, damaged) is deleted and
 * made again, since it holds nothing the log does not. Undefined, with a warning, if even that
 * fails: the store then reads streams from the log alone.
 */
export function openStreamCopy(options: StreamCopyOptions): StreamCopy | undefined {
  try {
    return new StreamCopy(options);
  } catch (first) {
    options.warn?.(
      `The stream copy ${options.file} could not be opened (${messageOf(first)}); it is made again from the log.`,
    );
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${options.file}${suffix}`, { force: true });
    try {
      return new StreamCopy(options);
    } catch (second) {
      options.warn?.(
        `The stream copy ${options.file} could not be made (${messageOf(second)}); stream reads use the log alone.`,
      );
      return undefined;
    }
  }
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

export interface CopyCheck {
  /** Events of the log up to the watermark, each compared with its copy. */
  readonly compared: number;
  /** Where the copy and the log differ: the first 20 described, and how many in all. */
  readonly differences: string[];
  readonly differenceCount: number;
  /** The copy's watermark and the log's head. */
  readonly watermark: bigint;
  readonly head: bigint;
}

export class StreamCopy {
  private readonly db: Database.Database;
  private readonly idleMs: number;
  private readonly maxLag: number;
  private readonly sliceEvents: number;
  /** This process's appends since the last run: how many events, and when the last was. */
  private lagged = 0;
  private lastAppendAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private continuation: NodeJS.Immediate | undefined;
  /** Set when a run failed: the copy is left alone and reads use the log. */
  private failed = false;
  private readonly statements: {
    readonly chunks: Database.Statement<[string, number], string>;
    readonly watermark: Database.Statement<[], { position: bigint; id: string }>;
    readonly head: Database.Statement<[], bigint | null>;
    readonly idAt: Database.Statement<[bigint], string>;
    readonly copy: Database.Statement<[bigint, bigint]>;
    readonly advance: Database.Statement<[bigint, bigint]>;
    readonly lock: Database.Statement<[]>;
  };
  private readonly slice: (limit: bigint) => boolean;

  constructor(private readonly options: StreamCopyOptions) {
    this.idleMs = Math.max(0, options.idleMs ?? 50);
    this.maxLag = Math.max(1, options.maxLag ?? 50_000);
    this.sliceEvents = Math.max(1, options.sliceEvents ?? 5000);
    this.db = new Database(options.file);
    try {
      this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      if (this.db.pragma('user_version', { simple: true }) !== FORMAT) {
        this.db.exec('DROP TABLE IF EXISTS chunks; DROP TABLE IF EXISTS watermark;');
        this.db.pragma(`user_version = ${FORMAT}`);
      }
      this.db.exec(SCHEMA);
      this.db.prepare('ATTACH DATABASE ? AS log').run(options.logFile);
      this.statements = {
        chunks: this.db
          .prepare<[string, number], string>(
            `SELECT body FROM chunks WHERE stream = ? AND chunk >= ? ORDER BY chunk LIMIT ${CHUNKS_PER_PAGE}`,
          )
          .pluck(),
        watermark: this.db
          .prepare<[], { position: bigint; id: string }>('SELECT position, id FROM watermark')
          .safeIntegers(true),
        head: this.db
          .prepare<[], bigint | null>('SELECT MAX(position) FROM log.events')
          .pluck()
          .safeIntegers(true),
        idAt: this.db
          .prepare<[bigint], string>('SELECT id FROM log.events WHERE position = ?')
          .pluck(),
        // One statement copies a range of positions: grouped by stream and chunk, each group's
        // events in revision order appended to its chunk's body (a new chunk row, or the end of
        // the stream's last one).
        copy: this.db.prepare<[bigint, bigint]>(`
          INSERT INTO chunks (stream, chunk, body)
          SELECT stream, revision / ${CHUNK},
                 group_concat(json_array(revision, position, id, type, json(data), recorded_at,
                                         json_extract(metadata, '$.schemaVersion')), ','
                              ORDER BY revision)
          FROM log.events WHERE position > ? AND position <= ?
          GROUP BY stream, revision / ${CHUNK}
          ON CONFLICT (stream, chunk) DO UPDATE
            SET body = body || ',' || excluded.body`),
        advance: this.db.prepare<[bigint, bigint]>(
          'UPDATE watermark SET position = ?, id = (SELECT id FROM log.events WHERE position = ?)',
        ),
        // A write to the copy first, so that the transaction holds the copy's write lock before it
        // reads the watermark (BEGIN IMMEDIATE would also lock the attached log against appends).
        lock: this.db.prepare('UPDATE watermark SET position = position'),
      };
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.slice = this.db.transaction((limit: bigint): boolean => {
      this.statements.lock.run();
      const from = this.statements.watermark.get()?.position ?? 0n;
      const head = this.statements.head.get() ?? 0n;
      if (head <= from) return false;
      const to = head - from > limit ? from + limit : head;
      this.statements.copy.run(from, to);
      this.statements.advance.run(to, to);
      return to < head;
    });
    this.guarded(() => this.checkWatermark());
  }

  /** After this process appended `events` events: a run when appends pause, or now if far behind. */
  appended(events: number): void {
    this.lagged += events;
    this.lastAppendAt = Date.now();
    if (this.lagged >= this.maxLag) this.startRun();
    else this.arm();
  }

  /** Asks for a run once appends pause (a stream read: catch up what others appended). */
  request(): void {
    this.arm();
  }

  /** Copies what the log has beyond the watermark now, up to `limit` events (close, tests). */
  catchUp(limit = Number.POSITIVE_INFINITY): void {
    this.cancelScheduled();
    this.lagged = 0;
    let left = limit;
    while (!this.failed && left > 0) {
      const size = Math.min(this.sliceEvents, left);
      left -= size;
      if (this.guarded(() => this.slice(BigInt(size))) !== true) return;
    }
  }

  /**
   * The copied events of `stream` from revision `from` on, at most `limit`, in pages; stops at
   * the first revision the copy does not have, where the caller goes on in the log. Rows found
   * inconsistent are not delivered (and the copy is emptied); a failed copy delivers nothing.
   */
  *pages(stream: string, from: bigint, limit: number): Generator<RecordedEvent[], void> {
    if (this.failed) return;
    let next = from;
    let remaining = limit;
    while (remaining > 0) {
      const chunk = Number(next / BigInt(CHUNK));
      const bodies = this.guarded(() => this.statements.chunks.all(stream, chunk));
      if (bodies === undefined || bodies.length === 0) return;
      const page = this.eventsOf(stream, bodies, next, remaining);
      if (page === undefined) {
        this.markInconsistent(stream);
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
   * after copying what the log has beyond the watermark. In SQL, over the whole copy.
   */
  check(): CopyCheck {
    this.catchUpQuietly();
    const { position: watermark } = this.statements.watermark.get() ?? { position: 0n };
    const head = this.statements.head.get() ?? 0n;
    const differences: string[] = [];
    let differenceCount = 0;
    const note = (what: string): void => {
      differenceCount++;
      if (differences.length < 20) differences.push(what);
    };
    let compared = 0;
    try {
      const rows = this.db
        .prepare<[bigint], { stream: string; revision: number; position: number; same: number }>(
          // Each entry must be the log's event at its position, field by field and of the same
          // JSON type (reads build values from them), and entry i of chunk k must be revision
          // k * CHUNK + i (what reads rely on: no gap, no swap, no duplicate).
          `SELECT c.stream AS stream, x.value ->> 0 AS revision, x.value ->> 1 AS position,
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
                   AND l.type = x.value ->> 3 AND json(l.data) = x.value -> 4
                   AND l.recorded_at = x.value ->> 5
                   AND (l.metadata ->> '$.schemaVersion') IS (x.value ->> 6)) AS same
           FROM chunks c, json_each('[' || c.body || ']') x
           LEFT JOIN log.events l ON l.position = x.value ->> 1`,
        )
        .iterate(watermark);
      for (const row of rows) {
        compared++;
        if (!row.same) {
          note(`${row.stream}@${row.revision} (position ${row.position}) differs from the log`);
        }
      }
    } catch (error) {
      note(`the copy cannot be read (${messageOf(error)})`);
    }
    if (BigInt(compared) !== watermark) {
      note(`the copy holds ${compared} events, the log ${watermark} up to the copy's watermark`);
    }
    return { compared, differences, differenceCount, watermark, head };
  }

  /** Empties the copy; the next run rebuilds it from the log. */
  reset(): void {
    this.db.transaction(() => {
      this.db.exec("DELETE FROM chunks; UPDATE watermark SET position = 0, id = ''");
    })();
    this.failed = false;
  }

  /**
   * Copies what this process appended and has not copied yet (at most `maxLag` events: more is
   * left to the next process), then closes the copy's file.
   */
  close(): void {
    if (!this.db.open) return;
    const appended = this.lagged > 0;
    this.cancelScheduled();
    if (appended) this.catchUp(this.maxLag);
    this.db.close();
  }

  private catchUpQuietly(): void {
    if (!this.failed) this.catchUp();
  }

  /** A run once appends have paused for `idleMs` (unless one is already waiting or running). */
  private arm(): void {
    if (this.failed || this.timer !== undefined || this.continuation !== undefined) return;
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
      this.runSlices();
    }
  }

  private startRun(): void {
    if (this.failed || this.continuation !== undefined) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.continuation = setImmediate(() => this.runSlices());
    this.continuation.unref();
  }

  /** One slice, and the next after the event loop has had a turn, until the copy reaches the head. */
  private runSlices(): void {
    this.continuation = undefined;
    if (!this.db.open || this.failed) return;
    this.lagged = 0;
    const more = this.guarded(() => this.slice(BigInt(this.sliceEvents)));
    if (more === true) {
      this.continuation = setImmediate(() => this.runSlices());
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
    const id = this.statements.idAt.get(mark.position);
    if (id === mark.id) return;
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

  private markInconsistent(stream: string): void {
    this.options.warn?.(
      `The stream copy ${this.options.file} has rows of ${stream} that do not follow on; reads use the log and the copy is rebuilt.`,
    );
    this.guarded(() => this.reset());
  }

  /** Runs `work`; a failure turns the copy off for this process (reads use the log). */
  private guarded<T>(work: () => T): T | undefined {
    try {
      return work();
    } catch (error) {
      this.failed = true;
      this.cancelScheduled();
      this.options.warn?.(
        `The stream copy ${this.options.file} failed (${messageOf(error)}); stream reads use the log alone.`,
      );
      return undefined;
    }
  }
}

/** The JSON types reads build an event from (what `check` also compares). */
const wellTyped = (entry: CopiedEntry): boolean =>
  typeof entry[1] === 'number' &&
  typeof entry[2] === 'string' &&
  typeof entry[3] === 'string' &&
  typeof entry[5] === 'number' &&
  (entry[6] === null || typeof entry[6] === 'string');
