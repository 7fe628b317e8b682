import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { exited, onLines, spawnTs } from '../support/child-process';
import { collect } from '../support/events';

interface Ack {
  stream: string;
  revision: bigint;
  position: bigint;
  ids: string[];
}

const TRIALS = 6;

/**
 * Starts the appender, waits for its first acknowledged append (on a loaded machine the child can
 * take longer than the random moment below just to start), lets it run for a random moment, then
 * SIGKILLs it mid-flight.
 */
async function crashOnce(file: string): Promise<Ack[]> {
  const child = spawnTs('test/crash/sqlite-appender.child.ts', [file]);
  const acks: Ack[] = [];
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const appending = new Promise<void>((resolve) =>
    onLines(child.stdout!, (line) => {
      const [tag, stream, revision, position, ids] = line.split(' ');
      if (tag === 'ack') {
        resolve();
        acks.push({
          stream,
          revision: BigInt(revision),
          position: BigInt(position),
          ids: ids.split(','),
        });
      }
    }),
  );
  await Promise.race([appending, exited(child).then(() => Promise.reject(new Error(errors)))]);
  await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 300));
  child.kill('SIGKILL');
  await exited(child);
  expect(child.signalCode).toBe('SIGKILL');
  return acks;
}

describe('SQLite event store under SIGKILL', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'registry-crash-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`keeps every acknowledged append across ${TRIALS} kills, with contiguous revisions and an intact file`, async () => {
    const file = join(dir, 'events.sqlite');
    const acknowledged: Ack[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const acks = await crashOnce(file);
      expect(acks.length).toBeGreaterThan(0);
      acknowledged.push(...acks);

      const raw = new Database(file);
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      raw.close();

      const store = new SqliteEventStore({ file });
      try {
        const all = await collect(store.readAll());
        const byId = new Map(all.map((e) => [e.id, e]));
        for (const ack of acknowledged) {
          const last = byId.get(ack.ids[ack.ids.length - 1]);
          expect(last).toMatchObject({
            stream: ack.stream,
            revision: ack.revision,
            position: ack.position,
          });
          for (const id of ack.ids) expect(byId.get(id)?.stream).toBe(ack.stream);
        }
        expect(all.map((e) => e.position)).toEqual(all.map((_, i) => BigInt(i + 1)));
        for (const stream of ['crash-a', 'crash-b', 'crash-c']) {
          const revisions = all.filter((e) => e.stream === stream).map((e) => e.revision);
          expect(revisions).toEqual(revisions.map((_, i) => BigInt(i)));
        }
      } finally {
        await store.close();
      }
    }
  }, 120_000);
});
