import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { GENESIS_HASH } from '../../src/audit/chain/event-hash';
import {
  AMG,
  BELARUS,
  copyLedger,
  type EventRow,
  insertRow,
  OFFICE,
  recordSealedLedger,
  removeDir,
  rowAt,
  SEALS,
  tamper,
  verifyCopy,
} from './ledger-fixture';

/**
 * The five tamperings of issue 4, each on its own copy of a real SQLite event file (recorded through
 * the HTTP API, sealed on demand): each must be detected and named. The untouched copy verifies.
 */
describe('Tamper evidence on the embedded SQLite store', () => {
  let ledger: string;
  const copies: string[] = [];
  const copy = (): string => {
    const dir = copyLedger(ledger);
    copies.push(dir);
    return dir;
  };

  beforeAll(async () => {
    ({ dataDir: ledger } = await recordSealedLedger());
  });
  afterAll(() => [ledger, ...copies].forEach(removeDir));

  it('verifies the untouched file: every chain and the seal; the seal and one write after it are unsealed', async () => {
    const report = await verifyCopy(copy());
    expect(report).toMatchObject({
      ok: true,
      eventsChecked: 11, // 6 seeded, 3 writes, the seal, 1 write after it
      streamsChecked: 6,
      sealsChecked: 1,
      unsealedEvents: 2,
      firstFailure: null,
      failureCount: 0,
    });
    expect(report.lastSeal).toMatchObject({ upToPosition: 9, eventCount: 9, position: 10 });
  });

  it('detects an edited event and names its stream and revision', async () => {
    const dir = copy();
    tamper(dir, (db) =>
      db
        .prepare(
          "UPDATE events SET data = json_set(data, '$.closedOn', '2002-12-30') WHERE stream = ? AND revision = 1",
        )
        .run(AMG),
    );
    const report = await verifyCopy(dir);
    expect(report.ok).toBe(false);
    expect(report.firstFailure).toMatchObject({
      kind: 'hash-mismatch',
      subject: 'event',
      stream: AMG,
      revision: 1,
    });
    expect(report.firstFailure?.reason).toMatch(/edited/);
    // The seal no longer matches the edited log either.
    expect(report.failures.map((f) => f.kind)).toEqual(['hash-mismatch', 'seal-mismatch']);
  });

  it('detects a deleted event at the revision gap it leaves in its stream', async () => {
    const dir = copy();
    tamper(dir, (db) =>
      db.prepare('DELETE FROM events WHERE stream = ? AND revision = 1').run(OFFICE),
    );
    const report = await verifyCopy(dir);
    expect(report.firstFailure).toMatchObject({
      kind: 'revision-gap',
      stream: OFFICE,
      revision: 2,
    });
    expect(report.firstFailure?.reason).toMatch(/revision 1 is missing/);
  });

  it('detects a deleted last event of a stream (no successor to notice) through the seal', async () => {
    const dir = copy();
    tamper(dir, (db) => db.prepare('DELETE FROM events WHERE stream = ?').run(BELARUS));
    const report = await verifyCopy(dir);
    expect(report.firstFailure).toMatchObject({
      kind: 'seal-mismatch',
      subject: 'seal',
      stream: SEALS,
      revision: 0,
      upToPosition: 9,
    });
    expect(report.firstFailure?.reason).toMatch(/records 9 events .* has 8 events/);
  });

  it('detects two events of a stream swapped in the log', async () => {
    const dir = copy();
    tamper(dir, (db) => swapPositions(db, rowAt(db, OFFICE, 1), rowAt(db, OFFICE, 2)));
    const report = await verifyCopy(dir);
    expect(report.firstFailure).toMatchObject({
      kind: 'revision-gap',
      stream: OFFICE,
      revision: 2,
    });
    expect(report.failures[1]).toMatchObject({
      kind: 'revision-out-of-order',
      stream: OFFICE,
      revision: 1,
    });
  });

  it('detects two events of different streams swapped in the log through the seal', async () => {
    const dir = copy();
    tamper(dir, (db) => swapPositions(db, rowAt(db, BELARUS, 0), rowAt(db, AMG, 0)));
    const report = await verifyCopy(dir);
    expect(report.failureCount).toBe(1); // each stream's chain is intact; the order is not
    expect(report.firstFailure).toMatchObject({
      kind: 'seal-mismatch',
      stream: SEALS,
      revision: 0,
    });
  });

  it('detects a forged event inserted into a stream, naming it', async () => {
    const dir = copy();
    tamper(dir, (db) => {
      const genuine = rowAt(db, OFFICE, 3);
      const { max } = db.prepare('SELECT MAX(position) AS max FROM events').get() as {
        max: number;
      };
      const data = { ...JSON.parse(genuine.data), name: 'Forged Head' };
      // Metadata copied from a genuine event: its hash and previousHash are somebody else's.
      insertRow(db, {
        ...genuine,
        position: max + 1,
        id: '00000000-0000-4000-8000-000000000001',
        revision: 5,
        data: JSON.stringify(data),
      });
    });
    const report = await verifyCopy(dir);
    expect(report.firstFailure).toMatchObject({
      kind: 'previous-hash-mismatch',
      stream: OFFICE,
      revision: 5,
    });
  });

  it('detects a well-hashed forged event slipped into the sealed history, through the seal', async () => {
    const dir = copy();
    tamper(dir, (db) => {
      // A forger who follows AUDIT.md: a new stream whose one event hashes and chains correctly,
      // given position 3 by moving every later event one place on.
      db.prepare('UPDATE events SET position = -(position + 1) WHERE position >= 3').run();
      db.prepare('UPDATE events SET position = -position WHERE position < 0').run();
      const metadata: Record<string, string> = {
        actor: 'forger',
        recordedAt: '2002-12-29T00:00:00.000Z',
        schemaVersion: '1',
        previousHash: GENESIS_HASH,
      };
      const forged = {
        stream: 'field-operation-ghost',
        revision: 0,
        id: '00000000-0000-4000-8000-000000000002',
        type: 'MissionEstablished',
        data: { operationId: 'ghost' },
      };
      metadata.hash = createHash('sha256')
        .update(canonicalize({ ...forged, metadata }) ?? '')
        .digest('hex');
      insertRow(db, {
        ...forged,
        position: 3,
        data: JSON.stringify(forged.data),
        metadata: JSON.stringify(metadata),
        recorded_at: 0,
      });
    });
    const report = await verifyCopy(dir);
    expect(report.failureCount).toBe(1);
    expect(report.firstFailure).toMatchObject({
      kind: 'seal-mismatch',
      stream: SEALS,
      revision: 0,
    });
  });

  it('detects a changed seal root and names the seal', async () => {
    const dir = copy();
    tamper(dir, (db) =>
      db
        .prepare("UPDATE events SET data = json_set(data, '$.root', ?) WHERE stream = ?")
        .run('ab'.repeat(32), SEALS),
    );
    const report = await verifyCopy(dir);
    expect(report.firstFailure).toMatchObject({
      kind: 'seal-mismatch',
      subject: 'seal',
      stream: SEALS,
      revision: 0,
      upToPosition: 9,
    });
    expect(report.firstFailure?.reason).toContain(`root ${'ab'.repeat(32)}`);
    // The seal event's own hash no longer matches its content either.
    expect(report.failures[1]).toMatchObject({ kind: 'hash-mismatch', stream: SEALS, revision: 0 });
  });
});

/** Exchanges the log positions of two events, everything else kept. */
function swapPositions(db: import('better-sqlite3').Database, a: EventRow, b: EventRow): void {
  db.prepare('UPDATE events SET position = -1 WHERE position = ?').run(a.position);
  db.prepare('UPDATE events SET position = ? WHERE position = ?').run(a.position, b.position);
  db.prepare('UPDATE events SET position = ? WHERE position = -1').run(b.position);
}
