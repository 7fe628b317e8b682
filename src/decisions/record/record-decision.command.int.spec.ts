import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchHeldReads } from '../../../test/support/held-reads';
import { OFFICE, recordSeedCase } from '../../../test/support/seed-case';
import { chainHashOf } from '../../audit/chain/event-hash';
import { SqliteEventStore } from '../../event-store/sqlite/sqlite-event-store';
import { streamOfOperation } from '../../field-operations/domain/events';
import { RecordDecisionCommand, RecordDecisionHandler } from './record-decision.command';

const context = { actor: 'tester', correlationId: 'c-1', causationId: 'c-1' };

describe('RecordDecisionHandler', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'registry-record-decision-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), synchronous: 'OFF' });
    await recordSeedCase(store);
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps nothing of the streams it read while the append waits for the commit', async () => {
    const watch = watchHeldReads(store);
    const handler = new RecordDecisionHandler(store);

    const recorded = handler.execute(
      new RecordDecisionCommand(
        {
          reference: 'PC.DEC/600',
          body: 'permanent-council',
          adoptedOn: '2003-12-18',
          title: 'Extension of the mandate of the OSCE Office in Minsk',
          effects: [
            { action: 'extend-mandate', operation: OFFICE, until: '2004-12-31' },
            { action: 'appoint-head', operation: OFFICE, name: 'Eberhard Heyken', from: '2003-01' },
          ],
        },
        context,
      ),
    );
    await watch.appending;

    // The Office's two events (established, mandate agreed) were read; neither is held.
    expect(watch.read).toBe(2);
    expect(await watch.reachableAfterCollection()).toBe(0);
    watch.release();
    await expect(recorded).resolves.toMatchObject({ id: 'pc-dec-600', revision: 0n });
    const office = [];
    for await (const event of store.readStream(streamOfOperation(OFFICE))) office.push(event);
    const [before, ...added] = office.slice(-3);
    expect(added.map((e) => e.type)).toEqual(['MandateExtended', 'HeadAppointed']);
    // Chained to the last event read (the seed case's, appended unchained, give the marker).
    expect(added[0].metadata.previousHash).toBe(chainHashOf(before));
  });
});
