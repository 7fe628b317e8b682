import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect } from '../../../test/support/events';
import type {
  EventToAppend,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
} from '../event-store.port';
import { metadataValue } from '../lazy-metadata-event';
import { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store';
import type { SqliteReader } from './sqlite-reads';
import { CHUNK, openStreamCopy, type StreamCopy, streamCopyFile } from './stream-copy';

/**
 * The stream copy (`events.streams.sqlite`): reads through it must be exactly the log's, whether
 * it is caught up, lags, was made from another log, or holds rows that do not follow on.
 */
describe('SQLite stream copy', () => {
  let dir: string;
  let file: string;
  let copyFile: string;
  let warnings: string[];
  let stores: SqliteEventStore[];
  let connections: Database.Database[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'registry-stream-copy-'));
    file = join(dir, 'events.sqlite');
    copyFile = join(dir, 'events.streams.sqlite');
    warnings = [];
    stores = [];
    connections = [];
  });
  afterEach(async () => {
    for (const db of connections) if (db.open) db.close();
    for (const store of stores) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = (options: Partial<SqliteEventStoreOptions> = {}): SqliteEventStore => {
    const store = new SqliteEventStore({
      file,
      warn: (message) => warnings.push(message),
      ...options,
    });
    stores.push(store);
    return store;
  };
  const closeStore = async (store: SqliteEventStore): Promise<void> => {
    await store.close();
    stores.splice(stores.indexOf(store), 1);
  };
  const connect = (path: string): Database.Database => {
    const db = new Database(path);
    db.pragma('busy_timeout = 5000');
    connections.push(db);
    return db;
  };
  const copyOf = (store: SqliteEventStore): StreamCopy => {
    const copy = store.streamCopy;
    if (!copy) throw new Error('the store has no stream copy');
    return copy;
  };

  /** The copy's watermark as its file holds it (check() would catch up first). */
  const storedWatermark = (): { position: number; id: string } => {
    const db = new Database(copyFile, { readonly: true });
    try {
      return db
        .prepare<[], { position: number; id: string }>('SELECT position, id FROM watermark')
        .get()!;
    } finally {
      db.close();
    }
  };
  const chunkRows = (): { stream: string; chunk: number; body: string }[] => {
    const db = new Database(copyFile, { readonly: true });
    try {
      return db
        .prepare<[], { stream: string; chunk: number; body: string }>(
          'SELECT stream, chunk, body FROM chunks ORDER BY stream, chunk',
        )
        .all();
    } finally {
      db.close();
    }
  };
  const logHead = (): { position: number; id: string } => {
    const db = new Database(file, { readonly: true });
    try {
      return db
        .prepare<[], { position: number; id: string }>(
          'SELECT position, id FROM events ORDER BY position DESC LIMIT 1',
        )
        .get()!;
    } finally {
      db.close();
    }
  };

  // ---- events -------------------------------------------------------------------------------

  /** Data of every JSON kind, including text that looks like the copy's own separators. */
  const SAMPLES: unknown[] = [
    null,
    'plain text',
    0,
    -1.5e-7,
    1e21,
    12345678901234567000,
    [1, 'a', null, [true]],
    { nested: { list: [true, false, { deep: 'x' }] } },
    { tricky: '"],[{\\', lines: '\u2028\n\t\u0000', accents: 'é😀', lone: '\ud800' },
    JSON.parse('{"__proto__":{"x":1},"constructor":"c"}') as unknown,
    '',
    { comma: ',', bracket: '[0,1,"x"]' },
  ];
  let serial = 0;
  const eventFor = (stream: string, revision: number): EventToAppend => {
    const n = serial++;
    const metadata: Record<string, string> = {
      actor: 'test',
      hash: `hash-${stream}-${revision}-${n}`,
    };
    if (n % 5 !== 0) metadata.schemaVersion = String(1 + (n % 3));
    if (n % 11 === 0) metadata.reason = 'quoted "reason", with {braces}';
    const data =
      n % 4 === 3
        ? SAMPLES[n % SAMPLES.length]
        : { stream, revision, marker: `marker-${stream}-${revision}` };
    return { id: randomUUID(), type: `Type${n % 4}`, data, metadata };
  };

  /** Streams' lengths as appended so far (what the next batch expects). */
  type Lengths = Map<string, number>;
  const batch = (lengths: Lengths, stream: string, count: number): StreamAppend => {
    const length = lengths.get(stream) ?? 0;
    lengths.set(stream, length + count);
    return {
      stream,
      expected: length === 0 ? 'no_stream' : BigInt(length - 1),
      events: Array.from({ length: count }, (_, i) => eventFor(stream, length + i)),
    };
  };
  const append = async (
    store: SqliteEventStore,
    lengths: Lengths,
    stream: string,
    count: number,
  ) => {
    const { events, expected } = batch(lengths, stream, count);
    await store.append(stream, events, expected);
  };
  const smalls = Array.from({ length: 12 }, (_, i) => `small-${i}`);

  /**
   * 'long' ends mid-chunk (100), 'edge' on a chunk's end (64, a multiple of CHUNK), 'huge' past a
   * page of chunk rows (1030 events).
   */
  const phaseOne = async (store: SqliteEventStore, lengths: Lengths): Promise<void> => {
    await append(store, lengths, 'long', 40);
    await store.appendMulti([
      batch(lengths, 'multi-a', 70),
      batch(lengths, 'multi-b', 3),
      batch(lengths, 'long', 24),
    ]);
    await append(store, lengths, 'edge', 64);
    await store.appendMulti([
      batch(lengths, 'long', 1),
      ...smalls.slice(0, 6).map((s, i) => batch(lengths, s, 1 + i)),
    ]);
    await append(store, lengths, 'huge', 500);
    await append(store, lengths, 'huge', 500);
    await append(store, lengths, 'huge', 30);
    await store.appendMulti([
      batch(lengths, 'long', 35),
      batch(lengths, 'multi-a', 1),
      ...smalls.slice(6).map((s, i) => batch(lengths, s, 1 + ((i * 5) % 9))),
    ]);
  };
  /** Then: 'long' 150, 'edge' 134, 'huge' 1100 (full chunks and some), 'fresh' new. */
  const phaseTwo = async (store: SqliteEventStore, lengths: Lengths): Promise<void> => {
    await append(store, lengths, 'long', 50);
    await store.appendMulti([
      batch(lengths, 'edge', 70),
      batch(lengths, 'huge', 70),
      batch(lengths, 'fresh', 20),
      batch(lengths, 'multi-b', 61),
    ]);
    await store.appendMulti(smalls.map((s) => batch(lengths, s, 2)));
    await append(store, lengths, 'multi-a', 60);
  };
  /** A store with phase one (and two) appended through it, and its copy caught up. */
  const caughtUp = async (
    options: { phaseTwo?: boolean } = {},
  ): Promise<{ store: SqliteEventStore; lengths: Lengths; copy: StreamCopy }> => {
    const store = open();
    const lengths: Lengths = new Map();
    await phaseOne(store, lengths);
    if (options.phaseTwo ?? true) await phaseTwo(store, lengths);
    const copy = copyOf(store);
    copy.catchUp();
    return { store, lengths, copy };
  };
  const total = (lengths: Lengths): number => [...lengths.values()].reduce((a, b) => a + b, 0);

  // ---- comparing reads ----------------------------------------------------------------------

  const replacer = (_key: string, value: unknown): unknown =>
    typeof value === 'bigint' ? `${value}n` : value;
  /** Everything a reader sees of an event (schemaVersion first: answered without the text). */
  const plain = (event: RecordedEvent): string => {
    const schemaVersion = metadataValue(event, 'schemaVersion');
    return JSON.stringify(
      {
        id: event.id,
        stream: event.stream,
        revision: event.revision,
        position: event.position,
        type: event.type,
        data: event.data,
        recordedAt: event.recordedAt.toISOString(),
        schemaVersion,
        metadata: event.metadata,
      },
      replacer,
    );
  };
  const read = async (
    store: SqliteEventStore,
    stream: string,
    options?: ReadStreamOptions,
  ): Promise<string[]> => (await collect(store.readStream(stream, options))).map(plain);

  /** Counts the events a copy serves (its `pages`), read by read. */
  const countServed = (copy: StreamCopy): { count: number } => {
    const served = { count: 0 };
    // The class's own method (a spy from an earlier call sits on the instance).
    const pages = (Object.getPrototypeOf(copy) as StreamCopy).pages;
    jest.spyOn(copy, 'pages').mockImplementation(function* (stream, from, limit) {
      for (const page of pages.call(copy, stream, from, limit)) {
        served.count += page.length;
        yield page;
      }
    });
    return served;
  };

  const FROMS = [undefined, 0n, 1n, 63n, 64n, 65n, 127n, 128n, 130n, 1000n, 1023n, 1024n, 1025n];
  const COUNTS = [undefined, 1, 7, 8, 9, 64, 100, 1030];

  /**
   * Reads every stream every way through `viaCopy` and `viaLog` (no copy), and expects the same
   * events, and the copy to have served exactly its prefix of each (`copied`: events per stream).
   */
  const expectSameReads = async (
    viaCopy: SqliteEventStore,
    viaLog: SqliteEventStore,
    lengths: Lengths,
    copied: Lengths,
  ): Promise<void> => {
    const served = countServed(copyOf(viaCopy));
    let reads = 0;
    for (const stream of [...lengths.keys(), 'missing']) {
      const length = lengths.get(stream) ?? 0;
      const full = await read(viaLog, stream);
      expect([stream, full.length]).toEqual([stream, length]);
      for (const direction of ['forwards', 'backwards'] as const) {
        for (const fromRevision of FROMS) {
          for (const maxCount of COUNTS) {
            const options: ReadStreamOptions = { direction, fromRevision, maxCount };
            const label = JSON.stringify({ stream, ...options }, replacer);
            served.count = 0;
            const fromCopy = await read(viaCopy, stream, options);
            const fromLog = await read(viaLog, stream, options);
            expect([label, fromCopy]).toEqual([label, fromLog]);
            const from = Number(fromRevision ?? 0n);
            const limit = maxCount ?? Number.POSITIVE_INFINITY;
            const expected =
              direction === 'forwards' && limit >= 8
                ? Math.min(limit, Math.max(0, (copied.get(stream) ?? 0) - from))
                : 0;
            expect([label, served.count]).toEqual([label, expected]);
            reads++;
          }
        }
      }
      // Whole streams, read as a command loads them.
      expect(await read(viaCopy, stream)).toEqual(full);
    }
    expect(reads).toBe((lengths.size + 1) * 2 * FROMS.length * COUNTS.length);
  };

  // ---- the tests ----------------------------------------------------------------------------

  it('serves forward reads from the caught-up copy, equal to reads of the log', async () => {
    const store = open();
    const lengths: Lengths = new Map();
    await phaseOne(store, lengths);
    await phaseTwo(store, lengths);
    expect(lengths.get('long')).toBe(150);
    expect(lengths.get('huge')).toBe(1100);
    copyOf(store).catchUp();
    expect(storedWatermark()).toEqual(logHead());
    expect(logHead().position).toBe(total(lengths));

    await expectSameReads(store, open({ streamCopy: false }), lengths, lengths);
    // 'huge' lies in chunks 0..n, the last one partial (1100 is no multiple of CHUNK).
    const huge = chunkRows().filter((row) => row.stream === 'huge');
    const full = Math.floor(1100 / CHUNK);
    expect(1100 % CHUNK).toBeGreaterThan(0);
    expect(huge.map((row) => row.chunk)).toEqual(Array.from({ length: full + 1 }, (_, i) => i));
    expect(JSON.parse(`[${huge[full].body}]`)).toHaveLength(1100 - full * CHUNK);
    expect(warnings).toEqual([]);
  });

  it('reads whole, correct streams when the copy lags the log, and copies the rest on its next run', async () => {
    const store = open();
    const lengths: Lengths = new Map();
    await phaseOne(store, lengths);
    copyOf(store).catchUp();
    const copied: Lengths = new Map(lengths);
    const mark = storedWatermark();
    expect(mark.position).toBe(total(copied));

    // Another process appends; this one's copy has only a prefix of each stream.
    const other = open({ streamCopy: false });
    await phaseTwo(other, lengths);
    expect(logHead().position).toBe(total(lengths));
    await expectSameReads(store, other, lengths, copied);
    // Nothing was copied meanwhile: the reads above really were of a lagging copy.
    expect(storedWatermark()).toEqual(mark);

    // Reads start no run (a process that only reads never copies)...
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(storedWatermark()).toEqual(mark);
    // ... this process's next append does, and it copies the other process's events too.
    await append(store, lengths, 'edge', 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(storedWatermark()).toEqual(logHead());
    await expectSameReads(store, other, lengths, lengths);
    expect(warnings).toEqual([]);
  });

  it('copies in slices to exactly the rows it copies in one go', async () => {
    const store = open();
    const lengths: Lengths = new Map();
    await phaseOne(store, lengths);
    await phaseTwo(store, lengths);
    copyOf(store).catchUp();
    const log = connect(file);
    const metadataOf = log
      .prepare<[bigint], string>('SELECT metadata FROM events WHERE position = ?')
      .pluck();
    for (const sliceEvents of [1, 7, 64, 65]) {
      const sliced = join(dir, `sliced-${sliceEvents}.sqlite`);
      const copy = openStreamCopy({
        file: sliced,
        logFile: file,
        sliceEvents,
        metadataAt: (position) => metadataOf.get(position)!,
        warn: (message) => warnings.push(message),
      });
      expect(copy).toBeDefined();
      try {
        copy!.catchUp();
        const rows = connect(sliced)
          .prepare('SELECT stream, chunk, body FROM chunks ORDER BY stream, chunk')
          .all();
        expect([sliceEvents, rows]).toEqual([sliceEvents, chunkRows()]);
        expect(copy!.check()).toMatchObject({
          compared: total(lengths),
          differences: [],
          differenceCount: 0,
          watermark: BigInt(total(lengths)),
        });
      } finally {
        copy!.close();
      }
    }
    expect(warnings).toEqual([]);
  });

  it('is what serves reads: an edited row shows in them, check() names it, reset() repairs it', async () => {
    const { store, lengths, copy } = await caughtUp();
    const original = await read(store, 'long');

    // An event of the second chunk whose data holds its marker.
    const chosen = (
      await collect(store.readStream('long', { fromRevision: 64n, maxCount: 7 }))
    ).find((e) => (e.data as { marker?: string } | null)?.marker !== undefined)!;
    const revision = Number(chosen.revision);
    expect(revision).toBeGreaterThanOrEqual(64);
    expect(chosen.data).toEqual({ stream: 'long', revision, marker: `marker-long-${revision}` });
    const edit = connect(copyFile)
      .prepare(
        `UPDATE chunks SET body = replace(body, '"marker-long-${revision}"', '"edited"')
         WHERE stream = 'long' AND instr(body, '"marker-long-${revision}"') > 0`,
      )
      .run();
    expect(edit.changes).toBe(1);

    const edited = await collect(store.readStream('long'));
    expect(edited).toHaveLength(150);
    expect(edited[revision].data).toEqual({ stream: 'long', revision, marker: 'edited' });
    expect(edited.map(plain).filter((e, i) => e !== original[i])).toHaveLength(1);
    // A read of fewer than 8 events reads the log.
    const [fromLog] = await collect(
      store.readStream('long', { fromRevision: chosen.revision, maxCount: 1 }),
    );
    expect(fromLog.data).toEqual(chosen.data);

    const checked = copy.check();
    expect(checked.compared).toBe(total(lengths));
    expect(checked.differences).toEqual([
      `long@${revision} (position ${chosen.position}) differs from the log`,
    ]);
    expect(checked.differenceCount).toBe(1);
    expect(checked.watermark).toBe(BigInt(total(lengths)));
    expect(checked.head).toBe(BigInt(total(lengths)));

    copy.reset();
    expect(storedWatermark()).toEqual({ position: 0, id: '' });
    expect(chunkRows()).toEqual([]);
    copy.catchUp();
    expect(await read(store, 'long')).toEqual(original);
    expect(copy.check()).toMatchObject({
      compared: total(lengths),
      differences: [],
      differenceCount: 0,
    });
    expect(warnings).toEqual([]);
  });

  it("reports the log's data, type or schema version differing from the copy", async () => {
    const { copy } = await caughtUp({ phaseTwo: false });
    const log = connect(file);
    const at = (stream: string, revision: number): number =>
      log
        .prepare<[string, number], number>(
          'SELECT position FROM events WHERE stream = ? AND revision = ?',
        )
        .pluck()
        .get(stream, revision)!;
    log.prepare('UPDATE events SET data = \'{"changed":1}\' WHERE position = ?').run(at('long', 3));
    log.prepare("UPDATE events SET type = 'Other' WHERE position = ?").run(at('edge', 63));
    log
      .prepare(
        "UPDATE events SET metadata = json_set(metadata, '$.schemaVersion', '9') WHERE position = ?",
      )
      .run(at('huge', 1029));
    // Metadata other than the schema version is not copied: no difference.
    log
      .prepare(
        "UPDATE events SET metadata = json_set(metadata, '$.hash', 'other') WHERE position = ?",
      )
      .run(at('huge', 1028));
    const checked = copy.check();
    expect(checked.differenceCount).toBe(3);
    expect([...checked.differences].sort()).toEqual(
      [
        `long@3 (position ${at('long', 3)}) differs from the log`,
        `edge@63 (position ${at('edge', 63)}) differs from the log`,
        `huge@1029 (position ${at('huge', 1029)}) differs from the log`,
      ].sort(),
    );
  });

  it('reads metadata from the log, only when asked for, and answers the schema version from the copy', async () => {
    const { store, copy } = await caughtUp({ phaseTwo: false });
    const reader = (store as unknown as { reader: SqliteReader }).reader;
    const metadataAt = jest.spyOn(reader, 'metadataAt');
    const served = countServed(copy);

    const events = await collect(store.readStream('long'));
    expect(served.count).toBe(100);
    const log = connect(file);
    const storedMetadata = (position: bigint): Record<string, string> =>
      JSON.parse(
        log
          .prepare<[bigint], string>('SELECT metadata FROM events WHERE position = ?')
          .pluck()
          .get(position)!,
      );
    const versions = events.map((e) => metadataValue(e, 'schemaVersion'));
    expect(versions).toEqual(events.map((e) => storedMetadata(e.position).schemaVersion));
    expect(versions.filter((v) => v === undefined).length).toBeGreaterThan(0);
    expect(metadataAt).not.toHaveBeenCalled();

    const last = events[events.length - 1];
    expect(last.metadata).toEqual(storedMetadata(last.position));
    expect(last.metadata.hash).toMatch(/^hash-long-99-/);
    expect(metadataValue(last, 'hash')).toBe(last.metadata.hash);
    expect(metadataAt.mock.calls).toEqual([[last.position]]);

    // The log's metadata is what the copy's events give.
    log
      .prepare(
        "UPDATE events SET metadata = json_set(metadata, '$.hash', 'rewritten') WHERE position = ?",
      )
      .run(last.position);
    served.count = 0;
    const again = await collect(store.readStream('long'));
    expect(served.count).toBe(100);
    expect(again[99].metadata.hash).toBe('rewritten');
    expect(metadataValue(again[98], 'hash')).toBe(storedMetadata(again[98].position).hash);
    expect(metadataAt).toHaveBeenCalledTimes(3);
  });

  it('catches up on its own after appends, in this process and from others', async () => {
    const store = open();
    const lengths: Lengths = new Map();
    await append(store, lengths, 'a', 70);
    expect(storedWatermark()).toEqual({ position: 0, id: '' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(storedWatermark()).toEqual(logHead());
    expect(logHead().position).toBe(70);

    await store.appendMulti([batch(lengths, 'a', 3), batch(lengths, 'b', 5)]);
    await append(store, lengths, 'c', 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(storedWatermark()).toEqual(logHead());
    expect(logHead().position).toBe(79);
    expect(copyOf(store).check()).toEqual({
      compared: 79,
      differences: [],
      differenceCount: 0,
      watermark: 79n,
      head: 79n,
    });

    // Another process appends; a read here starts no run, an append here does.
    const other = open({ streamCopy: false });
    await append(other, lengths, 'b', 10);
    expect(await read(store, 'b')).toEqual(await read(other, 'b'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(storedWatermark().position).toBe(79);
    await append(store, lengths, 'c', 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(storedWatermark()).toEqual(logHead());
    expect(logHead().position).toBe(90);
    expect(warnings).toEqual([]);
  });

  it('is complete when the store closes right after an append, or with appends queued', async () => {
    const store = open();
    const lengths: Lengths = new Map();
    await phaseOne(store, lengths);
    await closeStore(store);
    expect(storedWatermark()).toEqual(logHead());
    expect(logHead().position).toBe(total(lengths));

    const again = open();
    const queued = again.appendMulti([batch(lengths, 'long', 30), batch(lengths, 'late', 9)]);
    await closeStore(again);
    await expect(queued).resolves.toMatchObject({ position: BigInt(total(lengths)) });
    expect(storedWatermark()).toEqual(logHead());
    expect(logHead().position).toBe(total(lengths));

    const reopened = open();
    const served = countServed(copyOf(reopened));
    expect(await read(reopened, 'long')).toEqual(await read(open({ streamCopy: false }), 'long'));
    expect(served.count).toBe(130);
    expect(copyOf(reopened).check()).toMatchObject({
      compared: total(lengths),
      differences: [],
      differenceCount: 0,
    });
    expect(warnings).toEqual([]);
  });

  it.each([
    ['a longer one', true],
    ['a shorter one', false],
  ])(
    'empties a copy of another log (%s) with a warning, and reads the new log',
    async (_, longer) => {
      const first = open();
      const old: Lengths = new Map();
      await phaseOne(first, old);
      copyOf(first).catchUp();
      const oldEvents = await read(first, 'long');
      await closeStore(first);
      const oldMark = storedWatermark();
      expect(oldMark.position).toBe(total(old));

      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
      expect(existsSync(copyFile)).toBe(true);
      const writer = open({ streamCopy: false });
      const lengths: Lengths = new Map();
      if (longer) {
        await phaseOne(writer, lengths);
        await phaseTwo(writer, lengths);
      } else {
        await append(writer, lengths, 'long', 10);
        await append(writer, lengths, 'edge', 5);
      }
      await closeStore(writer);

      const store = open();
      expect(warnings).toEqual([
        `The stream copy ${copyFile} does not match the log at position ${oldMark.position}; it is rebuilt from the log.`,
      ]);
      expect(storedWatermark()).toEqual({ position: 0, id: '' });
      expect(chunkRows()).toEqual([]);
      const viaLog = open({ streamCopy: false });
      const fresh = await read(store, 'long');
      expect(fresh).toEqual(await read(viaLog, 'long'));
      expect(fresh).toHaveLength(lengths.get('long')!);
      expect(fresh.filter((e) => oldEvents.includes(e))).toEqual([]);

      copyOf(store).catchUp();
      expect(storedWatermark()).toEqual(logHead());
      expect(copyOf(store).check()).toMatchObject({
        compared: total(lengths),
        differences: [],
        differenceCount: 0,
      });
      const served = countServed(copyOf(store));
      expect(await read(store, 'long')).toEqual(fresh);
      expect(served.count).toBe(lengths.get('long'));
      expect(warnings).toHaveLength(1);
    },
  );

  it.each([
    ['a middle row is missing', "DELETE FROM chunks WHERE stream = 'long' AND chunk = 1", {}],
    ['the first row is missing', "DELETE FROM chunks WHERE stream = 'long' AND chunk = 0", {}],
    [
      'a middle row is missing, read from inside it',
      "DELETE FROM chunks WHERE stream = 'long' AND chunk = 1",
      { fromRevision: BigInt(CHUNK + 1), maxCount: 100 },
    ],
    [
      'a revision inside a row is changed',
      `UPDATE chunks SET body = substr(json_set('[' || body || ']', '$[10][0]', 11), 2,
                               length(json_set('[' || body || ']', '$[10][0]', 11)) - 2)
       WHERE stream = 'long' AND chunk = 0`,
      {},
    ],
    [
      'a row ends early',
      `UPDATE chunks SET body = substr(json_remove('[' || body || ']', '$[${CHUNK - 1}]'), 2,
                               length(json_remove('[' || body || ']', '$[${CHUNK - 1}]')) - 2)
       WHERE stream = 'long' AND chunk = 0`,
      { fromRevision: BigInt(CHUNK - 4) },
    ],
  ] as const)(
    'reads the log, warns and turns the copy off (keeping its rows for verify) when %s',
    async (_, damage, options: ReadStreamOptions) => {
      const store = open();
      const lengths: Lengths = new Map();
      await phaseOne(store, lengths);
      await phaseTwo(store, lengths);
      const copy = copyOf(store);
      copy.catchUp();
      const viaLog = open({ streamCopy: false });
      const right = await read(viaLog, 'long', options);
      expect(right.length).toBeGreaterThan(60);
      expect(connect(copyFile).prepare(damage).run().changes).toBe(1);
      const rowsAfterDamage = chunkRows();

      expect(await read(store, 'long', options)).toEqual(right);
      expect(warnings).toEqual([
        `The stream copy ${copyFile} has rows of long that do not follow on or do not parse; run \`cli verify\`, which reports and empties it; stream reads use the log alone in this process.`,
      ]);
      // Off: nothing more is served or copied, and the damaged rows stay for verify to report.
      const served = countServed(copy);
      expect(await read(store, 'edge')).toEqual(await read(viaLog, 'edge'));
      expect(served.count).toBe(0);
      expect(chunkRows()).toEqual(rowsAfterDamage);
      expect(copy.check().differenceCount).toBeGreaterThan(0);

      copy.reset();
      copy.catchUp();
      expect(copy.check()).toMatchObject({
        compared: total(lengths),
        differences: [],
        differenceCount: 0,
      });
      const servedAfter = countServed(copy);
      expect(await read(store, 'long', options)).toEqual(right);
      expect(servedAfter.count).toBe(right.length);
      expect(warnings).toHaveLength(1);
    },
  );

  it('serves the rows it has of a stream whose last row is missing, and check() tells', async () => {
    const { store, lengths, copy } = await caughtUp();
    // The last row of 'long' (150 events): the copy then has its first `kept` events.
    const last = Math.floor(149 / CHUNK);
    const kept = last * CHUNK;
    connect(copyFile).prepare(`DELETE FROM chunks WHERE stream = 'long' AND chunk = ${last}`).run();
    const served = countServed(copy);
    expect(await read(store, 'long')).toEqual(await read(open({ streamCopy: false }), 'long'));
    expect(served.count).toBe(kept);
    const all = total(lengths);
    const lost = 150 - kept;
    expect(copy.check()).toEqual({
      compared: all - lost,
      differences: [
        `the copy holds ${all - lost} events, the log ${all} up to the copy's watermark`,
      ],
      differenceCount: 1,
      watermark: BigInt(all),
      head: BigInt(all),
    });
    expect(warnings).toEqual([]);
  });

  it('makes again a copy file that is not a database, and works with it', async () => {
    const writer = open({ streamCopy: false });
    const lengths: Lengths = new Map();
    await phaseOne(writer, lengths);
    await closeStore(writer);
    writeFileSync(copyFile, 'not a database\n'.repeat(5000));

    const store = open();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      new RegExp(
        `^The stream copy ${copyFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not readable \\(.+\\); it is made again from the log\\.$`,
      ),
    );
    const copy = copyOf(store);
    const viaLog = open({ streamCopy: false });
    expect(await read(store, 'huge')).toEqual(await read(viaLog, 'huge'));
    copy.catchUp();
    expect(copy.check()).toEqual({
      compared: total(lengths),
      differences: [],
      differenceCount: 0,
      watermark: BigInt(total(lengths)),
      head: BigInt(total(lengths)),
    });
    const served = countServed(copy);
    expect(await read(store, 'huge')).toEqual(await read(viaLog, 'huge'));
    expect(served.count).toBe(1030);
    expect(warnings).toHaveLength(1);
  });

  it('makes no copy file with streamCopy: false', async () => {
    const store = open({ streamCopy: false });
    expect(store.streamCopy).toBeUndefined();
    const lengths: Lengths = new Map();
    await phaseOne(store, lengths);
    expect(await read(store, 'long')).toHaveLength(100);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await closeStore(store);
    expect(readdirSync(dir).filter((name) => name.includes('streams'))).toEqual([]);
    expect(streamCopyFile(file)).toBe(copyFile);
    expect(warnings).toEqual([]);
  });

  it('checks an intact copy: every event compared, no difference', async () => {
    const store = open();
    const lengths: Lengths = new Map();
    await phaseOne(store, lengths);
    await phaseTwo(store, lengths);
    const all = total(lengths);
    expect(all).toBeGreaterThan(1500);
    expect(copyOf(store).check()).toEqual({
      compared: all,
      differences: [],
      differenceCount: 0,
      watermark: BigInt(all),
      head: BigInt(all),
    });
    expect(
      chunkRows().reduce((n, row) => n + (JSON.parse(`[${row.body}]`) as unknown[]).length, 0),
    ).toBe(all);
  });

  it('reports, without a read, a row whose revisions do not follow on', async () => {
    const { store, lengths, copy } = await caughtUp({ phaseTwo: false });
    const [tenth] = await collect(store.readStream('long', { fromRevision: 10n, maxCount: 1 }));
    connect(copyFile)
      .prepare(
        `UPDATE chunks SET body = substr(json_set('[' || body || ']', '$[10][0]', 11), 2,
                                 length(json_set('[' || body || ']', '$[10][0]', 11)) - 2)
         WHERE stream = 'long' AND chunk = 0`,
      )
      .run();
    expect(copy.check()).toMatchObject({
      compared: total(lengths),
      differences: [`long@11 (position ${tenth.position}) differs from the log`],
      differenceCount: 1,
    });
    expect(warnings).toEqual([]);
  });

  it('copies once appends pause, or at once when far behind, and on close all it was told of', async () => {
    const writer = open({ streamCopy: false });
    const log = connect(file);
    const metadataOf = log
      .prepare<[bigint], string>('SELECT metadata FROM events WHERE position = ?')
      .pluck();
    const copy = openStreamCopy({
      file: copyFile,
      logFile: file,
      idleMs: 250,
      maxLag: 20,
      metadataAt: (position) => metadataOf.get(position)!,
      warn: (message) => warnings.push(message),
    })!;
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const lengths: Lengths = new Map();
    try {
      // Appends keep coming for longer than idleMs: no run until they pause for idleMs.
      for (let i = 0; i < 8; i++) {
        await append(writer, lengths, 'a', 2);
        copy.appended(2);
        await sleep(50);
        expect([i, storedWatermark().position]).toEqual([i, 0]);
      }
      await sleep(700);
      expect(storedWatermark()).toEqual(logHead());
      expect(logHead().position).toBe(16);

      // maxLag events appended: a run at once, without waiting for a pause.
      await append(writer, lengths, 'a', 25);
      copy.appended(25);
      await sleep(30);
      expect(storedWatermark()).toEqual(logHead());
      expect(logHead().position).toBe(41);

      // Told of an append, close copies it.
      await append(writer, lengths, 'b', 3);
      copy.appended(3);
    } finally {
      copy.close();
    }
    expect(storedWatermark()).toEqual(logHead());
    expect(logHead().position).toBe(44);

    // Told of more than maxLag (its run not yet started), close copies all of it.
    const again = openStreamCopy({
      file: copyFile,
      logFile: file,
      idleMs: 400,
      maxLag: 20,
      metadataAt: (position) => metadataOf.get(position)!,
      warn: (message) => warnings.push(message),
    })!;
    await append(writer, lengths, 'c', 30);
    again.appended(30);
    again.close();
    expect(storedWatermark()).toEqual(logHead());
    expect(logHead().position).toBe(74);
    expect(warnings).toEqual([]);
  });

  it('still reads streams when the copy fails under it', async () => {
    const store = open();
    const lengths: Lengths = new Map();
    await phaseOne(store, lengths);
    copyOf(store).catchUp();
    connect(copyFile).exec('DROP TABLE chunks');
    // A copy that fails under a read (its table gone; likewise a damaged file) is turned off and
    // the read goes on in the log.
    expect(await read(store, 'long')).toEqual(await read(open({ streamCopy: false }), 'long'));
    expect(warnings.length).toBeGreaterThan(0);
  });

  it("gives the metadata of events read through the copy after the store is closed, as the log's do", async () => {
    const store = open();
    const lengths: Lengths = new Map();
    await phaseOne(store, lengths);
    copyOf(store).catchUp();
    const viaCopy = await collect(store.readStream('long'));
    const viaLog = await collect(open({ streamCopy: false }).readStream('long'));
    for (const s of [...stores]) await closeStore(s);
    // The copy's events load their metadata when first asked: after the store closed, from the
    // log's file on a connection of its own.
    expect(viaLog[99].metadata.hash).toMatch(/^hash-long-99-/);
    expect(viaCopy[99].metadata).toEqual(viaLog[99].metadata);
  });
});
