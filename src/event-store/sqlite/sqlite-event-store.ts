import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedState,
  MultiAppendResult,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { PagedIterable } from '../paged-iterable';
import { validateEvents, validateMultiAppend } from '../validate-append';
import { CommitSignal } from './commit-signal';
import { GroupCommit } from './group-commit';
import { PollingSubscription } from './polling-subscription';
import { prepareDatabase, type SynchronousMode } from './schema';
import { SqliteAppender } from './sqlite-append';
import { metadataFromFile, SqliteReader } from './sqlite-reads';
import { eventOfStream, toRecordedEvent } from './sqlite-rows';
import { openStreamCopy, type StreamCopy, streamCopyFile } from './stream-copy';

export interface SqliteEventStoreOptions {
  /** Path of the database file (created with its folder if missing). */
  readonly file: string;
  /** FULL by default: an acknowledged append survives power loss. */
  readonly synchronous?: SynchronousMode;
  /** How long to wait for another process's write lock. */
  readonly busyTimeoutMs?: number;
  /** How often idle subscriptions look for appends made by other processes. */
  readonly pollIntervalMs?: number;
  /**
   * How much of the file stream reads may memory-map; 0 (the default): none, stream reads share
   * the main connection. See `openStreamConnection` for what a mapping gains and costs.
   */
  readonly mmapBytes?: number;
  /**
   * Keep and read the stream copy beside the file (`events.streams.sqlite`, see StreamCopy): on
   * by default; off, stream reads use the log alone and no copy is made.
   */
  readonly streamCopy?: boolean;
  /** Told when the stream copy fails or is rebuilt (the store goes on without it). */
  readonly warn?: (message: string) => void;
}

/**
 * The embedded event store: one SQLite file in WAL mode, appends in BEGIN IMMEDIATE transactions,
 * concurrent appends committed together (`GroupCommit`).
 */
export class SqliteEventStore implements EventStore {
  readonly name = 'sqlite';
  private readonly db: Database.Database;
  /** Stream reads: a mapped connection of their own (`mmapBytes`), or the main one. */
  private readonly streamDb: Database.Database;
  private readonly appender: SqliteAppender;
  private readonly reader: SqliteReader;
  private readonly copy: StreamCopy | undefined;
  /** Events written by the transaction in progress (told to the stream copy after its commit). */
  private appendedEvents = 0;
  private readonly commits = new CommitSignal();
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly pollIntervalMs: number;
  private readonly writes: GroupCommit<readonly StreamAppend[], AppendResult[]>;

  constructor(options: SqliteEventStoreOptions) {
    mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
    prepareDatabase(this.db, { synchronous: options.synchronous ?? 'FULL', busyTimeoutMs });
    this.appender = new SqliteAppender(this.db);
    const mmapBytes = Math.max(0, Math.floor(options.mmapBytes ?? 0));
    this.streamDb =
      mmapBytes > 0 ? openStreamConnection(options.file, mmapBytes, busyTimeoutMs) : this.db;
    if (options.streamCopy ?? true) {
      this.copy = openStreamCopy({
        file: streamCopyFile(options.file),
        logFile: options.file,
        metadataAt: (position) =>
          this.streamDb.open
            ? this.reader.metadataAt(position)
            : metadataFromFile(options.file, position),
        warn: options.warn ?? ((message) => process.emitWarning(message)),
      });
    }
    this.reader = new SqliteReader(this.db, this.streamDb, this.copy);
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.writes = new GroupCommit(
      this.db,
      (requests: readonly StreamAppend[]) => {
        const at = Date.now();
        return requests.map((r) => {
          const result = this.appender.append(r.stream, r.events, r.expected, at);
          this.appendedEvents += r.events.length;
          return result;
        });
      },
      () => {
        this.copy?.appended(this.appendedEvents);
        this.appendedEvents = 0;
        this.commits.notify();
      },
    );
  }

  async append(
    stream: string,
    events: readonly EventToAppend[],
    expected: ExpectedState,
  ): Promise<AppendResult> {
    validateEvents(stream, events);
    return (await this.writes.submit([{ stream, events, expected }]))[0];
  }

  async appendMulti(requests: readonly StreamAppend[]): Promise<MultiAppendResult> {
    validateMultiAppend(requests);
    const streams = await this.writes.submit(requests);
    const position = streams.reduce((max, r) => (r.position > max ? r.position : max), 0n);
    return { position, streams };
  }

  readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const direction = options.direction ?? 'forwards';
    const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
    const ofRow = eventOfStream(stream);
    return new PagedIterable(
      () => this.reader.streamPages(stream, direction, options.fromRevision, maxCount),
      (item) => (Array.isArray(item) ? ofRow(item) : item),
    );
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
    return new PagedIterable(
      () => this.reader.allPages(options.after, maxCount, options.filter),
      toRecordedEvent,
    );
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    const subscription = new PollingSubscription(
      (after, limit) =>
        this.reader.allPage(after, limit, options.filter).map((row) => toRecordedEvent(row)),
      this.commits,
      this.pollIntervalMs,
      options.after,
      (closed) => this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** One seek on the primary key per position. */
  async readAt(positions: readonly bigint[]): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for (const position of positions) {
      const row = this.reader.rowAt(position);
      if (row) events.push(toRecordedEvent(row));
    }
    return events;
  }

  async headPosition(): Promise<bigint | undefined> {
    return this.reader.headPosition();
  }

  /** Open subscriptions (for health and tests). */
  get activeSubscriptions(): number {
    return this.subscriptions.size;
  }

  /** The stream copy, when the store keeps one (verification compares it with the log). */
  get streamCopy(): StreamCopy | undefined {
    return this.copy;
  }

  /** Write transactions committed (group commit: fewer than appends when callers overlap). */
  get transactions(): number {
    return this.writes.transactions;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    // Appends already queued are written (and answered) before the file closes.
    if (this.db.open) this.writes.flush();
    this.copy?.close();
    if (this.db.open) this.db.close();
    if (this.streamDb !== this.db && this.streamDb.open) this.streamDb.close();
  }
}

/**
 * A second connection to the file for stream reads, with memory-mapped I/O (`SQLITE_MMAP_MB`;
 * `mmapBytes` a whole number above 0).
 * Loading a stream to fold it (every command) reads ~19 rows scattered over the file, one b-tree
 * descent each; through a mapping SQLite reads those pages in place instead of copying each into
 * its page cache with a read() call. That gain comes only from pages touched again while still
 * mapped: the first touch of a page is a page fault, which costs about what the read() did. On a
 * mapping kept for a long time a stream's statement took ~25% less CPU (x1.26 streams/s at 100k
 * events, x1.34 at 1M, once most of the file was mapped); a store opened afresh for 2,000 streams
 * (as the benchmark does) gained x1.17-1.22 at 100k and x1.15 at 1M (CPU time, the file in the OS
 * cache).
 *
 * Off by default because of what it does to the process's resident memory: the kernel maps the
 * pages around each one touched (fault-around, 64 KB), and mapped pages count in RSS, so random
 * stream reads at 1M events map ~0.6-0.8 MB each until most of the file is mapped (5,000 reads: +901
 * MB of RSS, all of it page cache the kernel may reclaim, but RSS all the same). Worth it on a host
 * with memory to spare. Bounding it by remapping (setting `mmap_size` to 0 and back makes SQLite
 * unmap the file, which gives the pages back) was measured and does not pay: every remap starts
 * the faults over, so at 1M events remapping every 100 streams was 8% slower than no mapping,
 * every 500 no faster (and RSS still peaked ~400 MB higher), and remapping whenever the mapped RSS
 * had grown by 32-256 MB 8-18% slower. A small `mmap_size` maps only the start of the file: it
 * helps a file that fits in it (64 MB: x1.14 at 100k events, a 100 MB file) and not one of 1 GB.
 *
 * Reads of the global log (projections, replay, sealing) stay on the main connection without a
 * mapping, and so do writes. In WAL mode this connection sees every append committed before its
 * statement starts, so a command reads what was acknowledged before it. The file is never
 * truncated (no VACUUM on an append-only log), which is what makes a mapping safe to keep.
 */
function openStreamConnection(
  file: string,
  mmapBytes: number,
  busyTimeoutMs: number,
): Database.Database {
  const db = new Database(file);
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  db.pragma(`mmap_size = ${mmapBytes}`);
  return db;
}
