/**
 * The three stores measured side by side on the same events:
 * - the registry's EventStore port on SQLite (src/event-store/sqlite, behind the upcasting
 *   decorator every reader of the registry uses);
 * - Emmett's SQLite event store (@event-driven-io/emmett-sqlite, the peer), from bench/peer;
 * - raw better-sqlite3 (the storage limit): one prepared insert, no checks.
 * All three run in WAL mode with synchronous=FULL.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { EventStore, RecordedEvent } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { registryUpcasters, UpcastingEventStore } from '../../src/event-store/upcasting';
import { factOf } from '../../src/field-operations/domain/events';
import { evolve, type FieldOperationState } from '../../src/field-operations/domain/state';
import type { WorkloadEvent } from './workload';

export const BENCH_DIR = join(__dirname, '..');

// ---------------------------------------------------------------- the registry

export interface ProductStore {
  readonly raw: SqliteEventStore;
  /** What commands, projections and replay read through. */
  readonly store: EventStore;
  close(): Promise<void>;
}

export function openProduct(file: string): ProductStore {
  const raw = new SqliteEventStore({ file, synchronous: 'FULL' });
  const store = new UpcastingEventStore(raw, registryUpcasters());
  return { raw, store, close: () => raw.close() };
}

/** `synchronous` as the registry's connection has it (2 = FULL). */
export function productSynchronous(product: ProductStore): number {
  const db = (product.raw as unknown as { db: Database.Database }).db;
  return db.pragma('synchronous', { simple: true }) as number;
}

/** The fold a command handler runs on a loaded stream (corrections aside: the workload has none). */
export function foldEvents(events: Iterable<{ type: string; data: unknown }>): FieldOperationState {
  let state: FieldOperationState;
  for (const event of events) {
    const fact = factOf(event.type, event.data);
    if (fact) state = evolve(state, fact);
  }
  return state;
}

// ---------------------------------------------------------------- raw better-sqlite3

const RAW_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY,
  stream   TEXT    NOT NULL,
  revision INTEGER NOT NULL,
  type     TEXT    NOT NULL,
  data     TEXT    NOT NULL,
  metadata TEXT    NOT NULL,
  UNIQUE (stream, revision)
);`;

/** The storage limit: the same rows, one prepared insert, no validation, no retry detection. */
export class RawStore {
  readonly db: Database.Database;
  private readonly insert: Database.Statement<[string, number, string, string, string]>;
  readonly appendTransaction: (events: readonly WorkloadEvent[]) => void;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(RAW_SCHEMA);
    this.insert = this.db.prepare(
      'INSERT INTO events (stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?)',
    );
    this.appendTransaction = this.db.transaction((events: readonly WorkloadEvent[]) => {
      for (const e of events) {
        this.insert.run(
          e.stream,
          Number(e.revision),
          e.event.type,
          JSON.stringify(e.event.data),
          JSON.stringify(e.event.metadata),
        );
      }
    });
  }

  get synchronous(): number {
    return this.db.pragma('synchronous', { simple: true }) as number;
  }

  close(): void {
    this.db.close();
  }
}

/** A plain scan of a registry events file in log order, parsing data and metadata. */
export function rawScan(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    let count = 0;
    const rows = db
      .prepare<
        [],
        {
          position: number;
          stream: string;
          revision: number;
          type: string;
          data: string;
          metadata: string;
        }
      >('SELECT position, stream, revision, type, data, metadata FROM events ORDER BY position')
      .iterate();
    for (const row of rows) {
      const data = JSON.parse(row.data) as unknown;
      const metadata = JSON.parse(row.metadata) as unknown;
      if (data !== undefined && metadata !== undefined) count++;
    }
    return count;
  } finally {
    db.close();
  }
}

/** Indexed stream reads on a registry events file with the same fold: the aggregate-load limit. */
export function rawStreamReader(file: string): { load(stream: string): number; close(): void } {
  const db = new Database(file, { readonly: true });
  const read = db.prepare<[string], { type: string; data: string; metadata: string }>(
    'SELECT type, data, metadata FROM events WHERE stream = ? ORDER BY revision',
  );
  return {
    load(stream) {
      const rows = read.all(stream);
      const events = rows.map((row) => ({
        type: row.type,
        data: JSON.parse(row.data) as unknown,
        metadata: JSON.parse(row.metadata) as unknown,
      }));
      foldEvents(events);
      return events.length;
    },
    close: () => db.close(),
  };
}

// ---------------------------------------------------------------- Emmett (the peer)

export interface EmmettConnection {
  close(): void;
  command(sql: string, values?: unknown[]): Promise<unknown>;
  query<T>(sql: string, values?: unknown[]): Promise<T[]>;
  querySingle<T>(sql: string, values?: unknown[]): Promise<T | null>;
  withTransaction<T>(fn: () => Promise<T>): Promise<T>;
}

export interface EmmettEvent {
  type: string;
  data: unknown;
  metadata?: Record<string, unknown>;
}

export interface EmmettReadEvent extends EmmettEvent {
  metadata: Record<string, unknown> & { globalPosition: bigint; streamPosition: bigint };
}

export interface EmmettStore {
  appendToStream(
    stream: string,
    events: EmmettEvent[],
    options?: { expectedStreamVersion?: bigint },
  ): Promise<{ nextExpectedStreamVersion: bigint; lastEventGlobalPosition: bigint }>;
  aggregateStream<S>(
    stream: string,
    options: { evolve: (state: S, event: EmmettReadEvent) => S; initialState: () => S },
  ): Promise<{ state: S; currentStreamVersion: bigint }>;
  readStream(stream: string): Promise<{ events: EmmettReadEvent[] }>;
  consumer(options?: {
    pulling?: { batchSize?: number; pullingFrequencyInMs?: number };
  }): EmmettConsumer;
  schema: { migrate(): Promise<void> };
}

export interface EmmettConsumer {
  processor(options: {
    processorId: string;
    startFrom?: 'BEGINNING' | 'END' | 'CURRENT';
    eachMessage: (message: EmmettReadEvent) => Promise<void> | void;
  }): unknown;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface EmmettModule {
  sqliteConnection(options: { fileName: string }): EmmettConnection;
  getSQLiteEventStore(options: {
    fileName: string;
    connectionOptions?: { singleton: true; connection: EmmettConnection };
  }): EmmettStore;
  appendToStream(
    connection: EmmettConnection,
    stream: string,
    streamType: string,
    events: EmmettEvent[],
    options?: { expectedStreamVersion?: bigint },
  ): Promise<{ success: boolean }>;
  readMessagesBatch(
    connection: EmmettConnection,
    options: { after: bigint; batchSize: number },
  ): Promise<{
    currentGlobalPosition: bigint;
    messages: EmmettReadEvent[];
    areEventsLeft: boolean;
  }>;
  readLastMessageGlobalPosition(
    connection: EmmettConnection,
  ): Promise<{ currentGlobalPosition: bigint | null }>;
}

let emmettModule: EmmettModule | undefined;

export function emmett(): EmmettModule {
  emmettModule ??= createRequire(join(BENCH_DIR, 'peer', 'package.json'))(
    '@event-driven-io/emmett-sqlite',
  ) as EmmettModule;
  return emmettModule;
}

export function emmettVersion(): string {
  const file = join(
    BENCH_DIR,
    'peer',
    'node_modules',
    '@event-driven-io',
    'emmett-sqlite',
    'package.json',
  );
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

export interface PeerStore {
  readonly connection: EmmettConnection;
  readonly store: EmmettStore;
  readonly synchronous: number;
  /** Resolves once the file is checkpointed and closed, so no I/O of it overlaps the next run. */
  close(): Promise<void>;
}

/**
 * Emmett in its fastest setting: one shared connection (the default opens one per operation),
 * with synchronous=FULL set explicitly on it, the registry's durability.
 */
export async function openPeer(file: string): Promise<PeerStore> {
  const e = emmett();
  const connection = e.sqliteConnection({ fileName: file });
  await connection.command('PRAGMA journal_mode = WAL');
  await connection.command('PRAGMA synchronous = FULL');
  const store = e.getSQLiteEventStore({
    fileName: file,
    connectionOptions: { singleton: true, connection },
  });
  await store.schema.migrate();
  const row = await connection.querySingle<{ synchronous: number }>('PRAGMA synchronous');
  return {
    connection,
    store,
    synchronous: row?.synchronous ?? -1,
    close: async () => {
      // sqlite3 closes on its own thread without telling when it is done, and closing a WAL file
      // checkpoints it: do that here, awaited, like better-sqlite3's synchronous close does.
      await connection.command('PRAGMA wal_checkpoint(TRUNCATE)');
      connection.close();
      await new Promise((resolve) => setTimeout(resolve, 20));
    },
  };
}

/** An event of the workload as Emmett appends it: the registry's type, data and metadata. */
export const toEmmett = (e: WorkloadEvent): EmmettEvent => ({
  type: e.event.type,
  data: e.event.data,
  metadata: { ...e.event.metadata, eventId: e.event.id },
});

/** Emmett's expected stream version before an event at `revision`: how many events precede it. */
export const emmettExpected = (revision: bigint): bigint => revision;

export const streamTypeOf = (stream: string): string => stream.split('-')[0] || 'unknown';

export const recordedEventCount = (events: readonly RecordedEvent[]): number => events.length;
