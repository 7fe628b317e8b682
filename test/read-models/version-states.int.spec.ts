import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { decideAppointHead } from '../../src/field-operations/appoint-head/appoint-head.decide';
import { decideCorrection } from '../../src/field-operations/correct/correct.decide';
import { type StoredEvent, streamOfOperation } from '../../src/field-operations/domain/events';
import { fold } from '../../src/field-operations/domain/fold';
import type { References } from '../../src/field-operations/domain/references';
import {
  SNAPSHOT_EVERY,
  stateOfVersion,
  type VersionRow,
} from '../../src/field-operations/read/version-states';
import { readStream } from '../support/events';
import { project } from '../support/read-models';
import { OFFICE, record, recordSeedCase } from '../support/seed-case';

const everythingExists: References = {
  hasState: () => true,
  hasDecision: () => true,
  hasOperation: () => true,
};

/**
 * Only some versions store their state; the others are unfolded from the last stored one. Every
 * version, however it was recorded (one event per instant, several in one millisecond, corrections
 * among them), must unfold to the fold of the operation's events up to it.
 */
describe('field-operation versions without a stored state', () => {
  let dir: string;
  let store: SqliteEventStore;
  let db: Database.Database;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'registry-version-states-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    await recordSeedCase(store);
    const stream = streamOfOperation(OFFICE);
    let at = Date.parse('2024-02-01T00:00:00.000Z');
    for (let i = 0; i < 3 * SNAPSHOT_EVERY; i++) {
      const history = (await readStream(store, stream)) as StoredEvent[];
      const events =
        i % 7 === 3
          ? decideCorrection(
              {
                operationId: OFFICE,
                corrects: history.find((e) => e.type === 'HeadAppointed')?.id ?? history[0].id!,
                changes: { name: `Corrected head ${i}` },
                reason: `Correction ${i}`,
              },
              history,
              everythingExists,
            )
          : decideAppointHead(
              { operationId: OFFICE, name: `Head ${i}`, from: `${2003 + i}` },
              fold(history),
            );
      // Every third event shares the millisecond of the one before: one version replaces another.
      if (i % 3 !== 2) at += 1000;
      await record(store, [{ stream, events }], new Date(at));
    }
    db = await project(store, join(dir, 'read-models.sqlite'));
  });

  afterAll(async () => {
    db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores only some states, and unfolds every other version to the fold up to it', async () => {
    const versions = db
      .prepare<[string], VersionRow>(
        `SELECT operation_id AS id, recorded_from, position, state FROM field_operation_versions
         WHERE operation_id = ? ORDER BY recorded_from`,
      )
      .all(OFFICE);
    const stored = versions.filter((v) => v.state !== null).length;
    expect(versions.length).toBeGreaterThan(2 * SNAPSHOT_EVERY);
    expect(stored).toBeGreaterThan(1);
    expect(stored).toBeLessThan(versions.length);
    const log = (await readStream(store, streamOfOperation(OFFICE))) as Array<
      StoredEvent & { position: bigint }
    >;
    for (const version of versions) {
      const upTo = log.filter((e) => e.position <= BigInt(version.position));
      const unfolded = stateOfVersion(db, version, (_, json) => JSON.parse(json));
      expect([version.position, unfolded]).toEqual([version.position, fold(upTo)]);
    }
  });
});
