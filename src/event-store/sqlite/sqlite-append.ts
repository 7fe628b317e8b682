import type Database from 'better-sqlite3';
import { WrongExpectedStateError } from '../errors';
import type { AppendResult, EventToAppend, ExpectedState } from '../event-store.port';

/** Prepared statements for appending; every call runs inside the caller's transaction. */
export class SqliteAppender {
  private readonly lastRevision: Database.Statement<[string], { revision: bigint | null }>;
  private readonly revisionOfId: Database.Statement<[string, string], { revision: bigint }>;
  private readonly idsFrom: Database.Statement<
    [string, bigint, number],
    { id: string; position: bigint }
  >;
  private readonly insert: Database.Statement<
    [string, string, bigint, string, string, string, number]
  >;

  constructor(db: Database.Database) {
    this.lastRevision = db
      .prepare<[string], { revision: bigint | null }>(
        'SELECT MAX(revision) AS revision FROM events WHERE stream = ?',
      )
      .safeIntegers(true);
    // No index on id (see schema.ts): this walks the stream's rows through (stream, revision),
    // newest first since a retry usually follows its original closely. Only appends expecting
    // `any` or `stream_exists` to an existing stream run it.
    this.revisionOfId = db
      .prepare<[string, string], { revision: bigint }>(
        'SELECT revision FROM events WHERE id = ? AND stream = ? ORDER BY revision DESC LIMIT 1',
      )
      .safeIntegers(true);
    this.idsFrom = db
      .prepare<[string, bigint, number], { id: string; position: bigint }>(
        'SELECT id, position FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?',
      )
      .safeIntegers(true);
    this.insert = db.prepare(
      'INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
  }

  append(
    stream: string,
    events: readonly EventToAppend[],
    expected: ExpectedState,
    recordedAt: number,
  ): AppendResult {
    const last = this.lastRevision.get(stream)?.revision ?? undefined;
    const retried = this.findRetry(stream, events, expected, last);
    if (retried) return retried;
    checkExpected(stream, expected, last);
    let revision = last ?? -1n;
    let position = 0n;
    for (const event of events) {
      revision += 1n;
      const info = this.insert.run(
        event.id,
        stream,
        revision,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        recordedAt,
      );
      position = BigInt(info.lastInsertRowid);
    }
    return { nextExpectedRevision: revision, position };
  }

  /**
   * KurrentDB semantics: if exactly these event ids already sit where the append would have put
   * them, the append is a retry and succeeds without writing.
   */
  private findRetry(
    stream: string,
    events: readonly EventToAppend[],
    expected: ExpectedState,
    last: bigint | undefined,
  ): AppendResult | undefined {
    if (events.length === 0 || last === undefined) return undefined;
    const start = this.retryStart(stream, events[0].id, expected);
    if (start === undefined || start > last) return undefined;
    const stored = this.idsFrom.all(stream, start, events.length);
    const matches =
      stored.length === events.length && stored.every((row, i) => row.id === events[i].id);
    if (!matches) {
      // Part of the batch is already there: neither a clean retry nor a new append.
      if (stored[0]?.id === events[0].id) throw new WrongExpectedStateError(stream, expected, last);
      return undefined;
    }
    return {
      nextExpectedRevision: start + BigInt(events.length) - 1n,
      position: stored[stored.length - 1].position,
    };
  }

  private retryStart(stream: string, firstId: string, expected: ExpectedState): bigint | undefined {
    if (typeof expected === 'bigint') return expected + 1n;
    if (expected === 'no_stream') return 0n;
    return this.revisionOfId.get(firstId, stream)?.revision;
  }
}

function checkExpected(stream: string, expected: ExpectedState, last: bigint | undefined): void {
  const actual = last ?? 'no_stream';
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && last === undefined) ||
    (expected === 'stream_exists' && last !== undefined) ||
    (typeof expected === 'bigint' && expected === last);
  if (!ok) throw new WrongExpectedStateError(stream, expected, actual);
}
