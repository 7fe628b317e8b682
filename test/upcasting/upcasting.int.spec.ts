import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replayRegistry } from '../../src/cli/commands/replay-registry';
import { upcasting } from '../../src/event-store/event-store.module';
import type { EventStore, RecordedEvent } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { fold } from '../../src/field-operations/domain/fold';
import { FieldOperationsReader } from '../../src/field-operations/read/field-operations.reader';
import { collect, eventsOf, take } from '../support/events';
import { project } from '../support/read-models';
import { loadV0Fixture } from './v0-fixture';

const AMG = 'advisory-and-monitoring-group-in-belarus';
const PRESENCE = 'presence-in-albania';

/** The stored v0 fixture (test/fixtures/events-v0.ndjson) read through the upcasting store. */
describe('upcasting the stored v0 events', () => {
  let dir: string;
  let raw: SqliteEventStore;
  let store: EventStore;
  let head: bigint;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'registry-upcasting-'));
    raw = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    head = await loadV0Fixture(raw);
    store = upcasting(raw);
  });

  afterAll(async () => {
    await raw.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const typesOf = (events: RecordedEvent[]) => events.map((e) => e.type);

  it('stores the old shape: a generic type, one host State, the kind as a label', async () => {
    const [stored] = await collect(raw.readStream(`field-operation-${AMG}`));
    expect(stored.type).toBe('FieldOperationEstablished');
    expect(stored.data).toMatchObject({
      id: AMG,
      hostState: 'belarus',
      kind: 'Advisory and Monitoring Group',
    });
    expect(fold(await collect(raw.readStream(`field-operation-${AMG}`)))).toBeUndefined();
  });

  it('reads a stream in the current schema, and the command-side fold sees the operation', async () => {
    const events = await collect(store.readStream(`field-operation-${AMG}`));
    expect(typesOf(events)).toEqual(['GroupEstablished', 'MandateAgreed']);
    expect(events[0].data).toMatchObject({
      operationId: AMG,
      kind: 'advisory-and-monitoring-group',
      hostStates: ['belarus'],
      predecessors: [],
    });
    expect(events[0].metadata).toMatchObject({ schemaVersion: '1', storedSchemaVersion: '0' });
    expect(events[0].id).toBe('0b7e4d0e-2a41-4c53-9d0e-5f0c1a000002');
    expect(fold(events)).toMatchObject({
      id: AMG,
      hostStateVersions: [{ hostStates: ['belarus'], from: '1998-02-27' }],
      mandates: [{ decision: 'PC.DEC/185' }],
    });
  });

  it('reads the global log, and a type filter on the new names finds the old events', async () => {
    expect(typesOf(await collect(store.readAll()))).toEqual([
      'ParticipatingStateAdmitted',
      'GroupEstablished',
      'MandateAgreed',
      'ParticipatingStateAdmitted',
      'PresenceEstablished',
    ]);
    const presence = await collect(
      store.readAll({ filter: { eventTypes: ['PresenceEstablished'] }, maxCount: 1 }),
    );
    expect(presence.map((e) => [e.type, e.stream])).toEqual([
      ['PresenceEstablished', `field-operation-${PRESENCE}`],
    ]);
  });

  it('delivers upgraded events to subscriptions', async () => {
    const subscription = store.subscribe({
      filter: { eventTypes: ['GroupEstablished', 'PresenceEstablished'] },
    });
    const messages = await take(subscription, (m) => m.some((x) => x.kind === 'caught-up'));
    await subscription.close();
    expect(typesOf(eventsOf(messages))).toEqual(['GroupEstablished', 'PresenceEstablished']);
  });

  it('feeds the projections the upgraded form', async () => {
    const db = await project(store, join(dir, 'read-models.sqlite'));
    const reader = new FieldOperationsReader(db);
    expect(reader.get(AMG, '2000-01-01')).toMatchObject({
      kind: 'advisory-and-monitoring-group',
      hostStates: ['belarus'],
      status: 'active',
      mandate: { decision: 'PC.DEC/185' },
    });
    expect(reader.list({ asOf: '2000-01-01', hostState: 'albania' }).map((o) => o.id)).toEqual([
      PRESENCE,
    ]);
    expect(reader.history(AMG)?.map((h) => h.type)).toEqual(['GroupEstablished', 'MandateAgreed']);
    // The history keeps the upgraded data, not the stored v0 text.
    const kept = db
      .prepare('SELECT data FROM field_operation_history WHERE operation_id = ? ORDER BY position')
      .pluck()
      .get(AMG) as string;
    expect(JSON.parse(kept)).toMatchObject({ operationId: AMG, hostStates: ['belarus'] });
    db.close();
  });

  it('replays the upgraded form', async () => {
    const state = await replayRegistry(store, { position: head }, '2000-01-01');
    expect(state.fieldOperations.map((o) => [o.id, o.kind, o.hostStates, o.status])).toEqual([
      [AMG, 'advisory-and-monitoring-group', ['belarus'], 'active'],
      [PRESENCE, 'presence', ['albania'], 'active'],
    ]);
    expect(state.participatingStates.map((s) => s.stateId)).toEqual(['albania', 'belarus']);
  });
});
