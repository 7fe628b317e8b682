import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { decideAppointHead } from '../../src/field-operations/appoint-head/appoint-head.decide';
import { decideCorrection } from '../../src/field-operations/correct/correct.decide';
import { streamOfOperation } from '../../src/field-operations/domain/events';
import { fold } from '../../src/field-operations/domain/fold';
import type { References } from '../../src/field-operations/domain/references';
import { decideEstablish } from '../../src/field-operations/establish/establish.decide';
import { FieldOperationsReader } from '../../src/field-operations/read/field-operations.reader';
import { viewable } from '../../src/field-operations/read/parsed-states';
import {
  ANCHOR_EVERY,
  unfoldState,
  type VersionRow,
} from '../../src/field-operations/read/version-states';
import { allProjections } from '../../src/projections/all-projections';
import { ProjectionEngine } from '../../src/projections/projection-engine';
import { openReadModelDatabase } from '../../src/projections/read-model-database';
import { readStream } from '../support/events';
import { dumpReadModels, project } from '../support/read-models';
import { record } from '../support/seed-case';

const everythingExists: References = {
  hasState: () => true,
  hasDecision: () => true,
  hasOperation: () => true,
};

const OP = 'mission-to-anywhere';
const STREAM = streamOfOperation(OP);
const START = Date.parse('2024-01-01T00:00:00.000Z');
const minute = (n: number): Date => new Date(START + n * 60_000);

interface Row extends VersionRow {
  revision: number;
  recorded_to: number | null;
}

/**
 * An operation with 21 events: established, then twenty heads appointed, but the twelfth event
 * corrects the fifth head. Three events are recorded in the millisecond of the one before (one
 * version for both): a plain one (revision 7), one after an anchor revision (9 after 8) and one
 * after the correction (13 after 12).
 */
async function recordOperation(store: SqliteEventStore, each?: () => Promise<void>): Promise<void> {
  const established = decideEstablish(
    {
      id: OP,
      name: 'OSCE Mission to Anywhere',
      kind: 'mission',
      hostStates: ['anywhere'],
      seat: 'Capital',
      establishedOn: '1995-01-01',
    },
    undefined,
    everythingExists,
  );
  await record(store, [{ stream: STREAM, events: established }], minute(0));
  for (let i = 1; i <= 20; i++) {
    await each?.();
    const history = await readStream(store, STREAM);
    if (i === 12) {
      const fifth = history.filter((e) => e.type === 'HeadAppointed')[4];
      const events = decideCorrection(
        {
          operationId: OP,
          corrects: fifth.id,
          changes: { name: 'Corrected Head' },
          reason: 'Typo',
        },
        history,
        everythingExists,
      );
      await record(store, [{ stream: STREAM, events }], minute(i));
      continue;
    }
    const provenance = i === 3 ? { sources: ['https://www.osce.org/pc/1'] } : undefined;
    const events = decideAppointHead(
      { operationId: OP, name: `Head ${i}`, from: `${1995 + i}-01`, provenance },
      fold(history),
    );
    const sameInstant = i === 7 || i === 9 || i === 13;
    await record(store, [{ stream: STREAM, events }], minute(sameInstant ? i - 1 : i));
  }
}

function versions(db: Database.Database): Row[] {
  return db
    .prepare<[], Row>(
      `SELECT operation_id AS id, recorded_from, recorded_to, revision, position, state
       FROM field_operation_versions WHERE operation_id = '${OP}' ORDER BY recorded_from`,
    )
    .all();
}

describe('field-operation versions without a stored state', () => {
  let dir: string;
  let store: SqliteEventStore;
  let db: Database.Database;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'registry-version-states-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    await recordOperation(store);
    db = await project(store, join(dir, 'read-models.sqlite'));
  });
  afterAll(async () => {
    db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keep it only as anchors (first, every eighth revision, a correction) and while current', async () => {
    const rows = versions(db);
    expect(rows).toHaveLength(18);
    const history = await readStream(store, STREAM);
    const stored = rows.filter((row) => row.state !== null).map((row) => row.revision);
    // Revisions 0, 8 and 16 and the correction (12) are anchors, and so are the versions 9 and 13
    // share with 8 and 12; 20 is current.
    expect(stored).toEqual([0, 9, 13, 16, 20]);
    expect(rows[rows.length - 1].recorded_to).toBeNull();
    expect(ANCHOR_EVERY).toBe(8);
    expect(history).toHaveLength(21);
  });

  it('unfold to the state the fold of their events gives', async () => {
    const history = await readStream(store, STREAM);
    for (const row of versions(db)) {
      const folded = fold(history.filter((e) => Number(e.position) <= row.position));
      const state =
        row.state === null ? unfoldState(db, row) : (JSON.parse(row.state) as typeof folded);
      expect(state).toEqual(JSON.parse(JSON.stringify(folded)));
    }
  });

  it('answer knownAt reads at every version as the fold of what was recorded by then', async () => {
    const history = await readStream(store, STREAM);
    const reader = new FieldOperationsReader(db);
    for (const row of versions(db)) {
      const folded = fold(history.filter((e) => Number(e.position) <= row.position))!;
      const heads = viewable(folded).heads.map((h) => h.name);
      const detail = reader.get(OP, '2030-01-01', row.recorded_from);
      expect(detail).toMatchObject({
        revision: row.revision,
        head: heads[heads.length - 1] ?? null,
      });
    }
  });

  it('leave the history as it was: provenance from each fact, none for the correction', () => {
    const history = new FieldOperationsReader(db).history(OP)!;
    expect(history).toHaveLength(21);
    expect(history[3].provenance).toMatchObject({ sources: ['https://www.osce.org/pc/1'] });
    expect(history[3].provenance).toEqual((history[3].data as { provenance: unknown }).provenance);
    expect(history[12].type).toBe('FactCorrected');
    expect(history.filter((item) => item.provenance !== null)).toEqual([history[3]]);
  });

  it('are the same rows whether followed one event at a time, restarting, or rebuilt at once', async () => {
    const live = join(dir, 'live-events.sqlite');
    const liveStore = new SqliteEventStore({ file: live });
    const liveDb = openReadModelDatabase(join(dir, 'live.sqlite'));
    let engine = new ProjectionEngine(liveStore, liveDb, allProjections());
    engine.start();
    try {
      // Each append is projected in a batch of its own, by an engine started afresh after it, so
      // every event finds the operation's last version in the file, not in memory.
      await recordOperation(liveStore, async () => {
        const head = await liveStore.headPosition();
        expect(await engine.waitFor(head!, 5000)).toBe(true);
        await engine.stop();
        engine = new ProjectionEngine(liveStore, liveDb, allProjections());
        engine.start();
      });
      await engine.caughtUp();
      const rebuilt = await project(liveStore, join(dir, 'rebuilt.sqlite'));
      const strip = (tables: Record<string, unknown[]>) => tables.field_operation_versions;
      expect(strip(dumpReadModels(liveDb))).toEqual(strip(dumpReadModels(rebuilt)));
      expect(versions(liveDb).map((row) => row.state === null)).toEqual(
        versions(db).map((row) => row.state === null),
      );
      rebuilt.close();
    } finally {
      await engine.stop();
      liveDb.close();
      await liveStore.close();
    }
  });
});
