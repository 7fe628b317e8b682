import Database from 'better-sqlite3';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { cli, copyLedger, OFFICE, recordSealedLedger, removeDir } from './ledger-fixture';

/** Austria's admission: revision 0 of its stream, position 9 of the log (see writeSealedLedger). */
const AUSTRIA = 'participating-state-austria';
const ADMITTED_ON = '"admittedOn":"1973-06-25"';
const ALTERED = '"admittedOn":"1973-06-26"';
const LEDGER_OK =
  /^OK: 11 events in 6 streams, 1 seals verified; last seal covers positions <= 9 .*\n/;
const COPY_OK = 'OK: stream copy matches the log (11 events compared)\n';
const COPY_FAILED =
  'FAILED: the stream copy differs from the log; it was emptied and is rebuilt from the log:\n' +
  `  ${AUSTRIA}@0 (position 9) differs from the log\n`;

/** What verify printed after the ledger's one-line OK summary: the stream copy's part. */
const copyPart = (stdout: string): string => stdout.slice(stdout.indexOf('\n') + 1);

interface CopyState {
  watermark: { position: number; id: string };
  chunks: { stream: string; chunk: number; body: string }[];
}

/** What the stream copy of `dataDir` holds, read with the registry closed. */
function copyState(dataDir: string): CopyState {
  const db = new Database(join(dataDir, 'events.streams.sqlite'));
  try {
    return {
      watermark: db.prepare('SELECT position, id FROM watermark').get() as CopyState['watermark'],
      chunks: db
        .prepare('SELECT stream, chunk, body FROM chunks ORDER BY stream, chunk')
        .all() as CopyState['chunks'],
    };
  } finally {
    db.close();
  }
}

function logEvents(dataDir: string): { count: number; head: number; headId: string } {
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  try {
    return db
      .prepare(
        'SELECT COUNT(*) AS count, MAX(position) AS head, (SELECT id FROM events ORDER BY position DESC LIMIT 1) AS headId FROM events',
      )
      .get() as { count: number; head: number; headId: string };
  } finally {
    db.close();
  }
}

/** Changes Austria's admission date in its copied event (the log is left alone). */
function alterCopiedEvent(dataDir: string): void {
  const db = new Database(join(dataDir, 'events.streams.sqlite'));
  try {
    const changed = db
      .prepare(
        'UPDATE chunks SET body = replace(body, ?, ?) WHERE stream = ? AND instr(body, ?) > 0',
      )
      .run(ADMITTED_ON, ALTERED, AUSTRIA, ADMITTED_ON);
    expect(changed.changes).toBe(1);
  } finally {
    db.close();
  }
}

/** Rewrites the entries of `stream`'s first chunk (JSON arrays, see stream-copy.ts) in the copy. */
function editChunk(dataDir: string, stream: string, edit: (entries: unknown[][]) => void): void {
  const db = new Database(join(dataDir, 'events.streams.sqlite'));
  try {
    const body = db
      .prepare('SELECT body FROM chunks WHERE stream = ? AND chunk = 0')
      .pluck()
      .get(stream) as string;
    const entries = JSON.parse(`[${body}]`) as unknown[][];
    edit(entries);
    const edited = entries.map((entry) => JSON.stringify(entry)).join(',');
    expect(edited).not.toBe(body);
    const changed = db
      .prepare('UPDATE chunks SET body = ? WHERE stream = ? AND chunk = 0')
      .run(edited, stream);
    expect(changed.changes).toBe(1);
  } finally {
    db.close();
  }
}

describe('CLI verify: the stream copy compared with the log', () => {
  let ledger: string;
  let events: number;
  const copies: string[] = [];
  const copy = (): string => {
    const dir = copyLedger(ledger);
    copies.push(dir);
    return dir;
  };

  /** A copy of the ledger whose stream copy verify has caught up with the log (and said so). */
  const caughtUp = async (): Promise<string> => {
    const dir = copy();
    const first = await cli(dir, 'verify');
    expect(first.code).toBe(0);
    const state = copyState(dir);
    expect(state.watermark).toEqual({ position: 11, id: logEvents(dir).headId });
    return dir;
  };

  beforeAll(async () => {
    ({ dataDir: ledger } = await recordSealedLedger());
    events = logEvents(ledger).count;
  });
  afterAll(() => [ledger, ...copies].forEach(removeDir));

  it('verify exits 0 on an intact folder and says the copy matches, with every event compared', async () => {
    expect(events).toBe(11);
    const dir = copy();
    expect(existsSync(join(dir, 'events.streams.sqlite'))).toBe(false);

    const text = await cli(dir, 'verify');
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(LEDGER_OK);
    expect(text.stdout).toMatch(
      new RegExp(`\\nOK: stream copy matches the log \\(${events} events compared\\)\\n$`),
    );
    expect(text.stdout).not.toContain('FAILED');

    // verify caught the copy up: every event of the log is in it, one row per stream here.
    const state = copyState(dir);
    expect(state.watermark).toEqual({ position: 11, id: logEvents(dir).headId });
    expect(state.chunks).toHaveLength(6);
    expect(state.chunks.every((c) => c.chunk === 0)).toBe(true);
    expect(state.chunks.find((c) => c.stream === AUSTRIA)?.body).toContain(ADMITTED_ON);

    const json = await cli(dir, 'verify', '--json');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ ok: true, eventsChecked: 11 });
    expect(report.streamCopy).toEqual({
      ok: true,
      compared: events,
      watermark: '11',
      differenceCount: 0,
      differences: [],
    });
  });

  it('verify accepts the copy the registry kept up while appending', async () => {
    const dir = copy();
    const kept = join(ledger, 'events.streams.sqlite');
    expect(existsSync(kept)).toBe(true);
    copyFileSync(kept, join(dir, 'events.streams.sqlite'));

    const { code, stdout } = await cli(dir, 'verify');
    expect(stdout).toMatch(LEDGER_OK);
    expect(copyPart(stdout)).toBe(COPY_OK);
    expect(code).toBe(0);
  });

  it('verify exits 2 on an altered copy, names the event, empties the copy, and passes again after', async () => {
    const dir = await caughtUp();
    alterCopiedEvent(dir);
    expect(copyState(dir).chunks.find((c) => c.stream === AUSTRIA)?.body).toContain(ALTERED);

    const altered = await cli(dir, 'verify');
    expect(altered.stderr).toBe('');
    expect(altered.code).toBe(2);
    // The log is intact: the ledger part is the same OK line as on an untouched folder.
    expect(altered.stdout).toMatch(LEDGER_OK);
    expect(copyPart(altered.stdout)).toBe(COPY_FAILED);
    expect(altered.stdout).not.toContain('OK: stream copy');

    // Emptied: no rows, the watermark back at 0, so that the next run copies the log afresh.
    expect(copyState(dir)).toEqual({ watermark: { position: 0, id: '' }, chunks: [] });

    const again = await cli(dir, 'verify');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(LEDGER_OK);
    expect(copyPart(again.stdout)).toBe(COPY_OK);
    const rebuilt = copyState(dir);
    expect(rebuilt.watermark.position).toBe(11);
    expect(rebuilt.chunks.find((c) => c.stream === AUSTRIA)?.body).toContain(ADMITTED_ON);
  });

  it('verify --json on an altered copy: streamCopy not ok with the difference, ledger ok, exit 2', async () => {
    const dir = await caughtUp();
    alterCopiedEvent(dir);

    const { code, stdout } = await cli(dir, 'verify', '--json');
    expect(code).toBe(2);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ ok: true, eventsChecked: 11, sealsChecked: 1 });
    expect(report.streamCopy).toEqual({
      ok: false,
      compared: events,
      watermark: '11',
      differenceCount: 1,
      differences: [`${AUSTRIA}@0 (position 9) differs from the log`],
    });
    expect(copyState(dir)).toEqual({ watermark: { position: 0, id: '' }, chunks: [] });
  });
});

describe('CLI verify: alterations of the copy that the reads reject or misread', () => {
  let ledger: string;
  const copies: string[] = [];

  /** A copy of the ledger whose stream copy verify has caught up with the log. */
  const caughtUp = async (): Promise<string> => {
    const dir = copyLedger(ledger);
    copies.push(dir);
    expect((await cli(dir, 'verify')).code).toBe(0);
    expect(copyState(dir).watermark.position).toBe(11);
    return dir;
  };

  beforeAll(async () => {
    ({ dataDir: ledger } = await recordSealedLedger());
  });
  afterAll(() => [ledger, ...copies].forEach(removeDir));

  // Reads refuse a chunk whose entries do not follow on; verify must call it a difference too,
  // though each entry alone matches the log's event at its position.
  it('two events of a stream swapped inside its chunk are a difference', async () => {
    const dir = await caughtUp();
    editChunk(dir, OFFICE, (entries) => {
      expect(entries.length).toBeGreaterThanOrEqual(2);
      [entries[0], entries[1]] = [entries[1], entries[0]];
    });

    const { code, stdout } = await cli(dir, 'verify');
    expect(stdout).toMatch(LEDGER_OK);
    expect(stdout).toContain(
      'FAILED: the stream copy differs from the log; it was emptied and is rebuilt from the log:\n',
    );
    expect(stdout).toContain(`  ${OFFICE}@`);
    expect(code).toBe(2);
  });

  // SQLite's column affinity would call the text "1234" equal to the integer 1234; reads would
  // build an Invalid Date from it, so verify compares JSON types as well.
  it("an event's recordedAt turned from a number into text is a difference", async () => {
    const dir = await caughtUp();
    editChunk(dir, AUSTRIA, (entries) => {
      expect(typeof entries[0][5]).toBe('number');
      entries[0][5] = String(entries[0][5]);
    });

    const { code, stdout } = await cli(dir, 'verify');
    expect(stdout).toMatch(LEDGER_OK);
    expect(copyPart(stdout)).toBe(COPY_FAILED);
    expect(code).toBe(2);
  });
});
