import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { decideAppointHead } from '../../src/field-operations/appoint-head/appoint-head.decide';
import { streamOfOperation } from '../../src/field-operations/domain/events';
import { fold } from '../../src/field-operations/domain/fold';
import type { CommandContext } from '../../src/shared/application/command-context';
import { envelope, lastHashOf } from '../../src/shared/application/envelope';
import { loadStream } from '../../src/shared/application/stream-state';
import { RegistryUnderTest, type StoreUnderTest } from '../support/registry-app';
import { recorderAuthorization } from './support/recorder-key';

const OFFICE = 'office-in-minsk';
const heads = `/api/field-operations/${OFFICE}/heads`;
const appointment = { operationId: OFFICE, name: 'Eberhard Heyken', from: '2003-02-10' };

const attempt = (n: number): CommandContext => ({
  actor: 'key:retrier',
  correlationId: `attempt-${n}`,
  causationId: `attempt-${n}`,
});

/** What the command handler appends, built as it builds it, at the revision it read. */
async function appendAsTheHandlerDoes(store: EventStore, context: CommandContext, at: bigint) {
  const stream = streamOfOperation(OFFICE);
  const loaded = await loadStream(store, stream);
  const upTo = { events: loaded.events.filter((e) => e.revision <= at), revision: at };
  const events = decideAppointHead(appointment, fold(upTo.events));
  return store.append(
    stream,
    envelope(stream, at, events, context, { previousHash: lastHashOf(upTo) }),
    at,
  );
}

describe.each<StoreUnderTest>(['sqlite', 'kurrentdb-double'])(
  'Retrying a write whose answer was lost, without Idempotency-Key (%s)',
  (kind) => {
    let registry: RegistryUnderTest;
    let recorder: Record<string, string>;
    let store: EventStore;

    beforeAll(async () => {
      registry = await RegistryUnderTest.startWithPressRelease(kind);
      recorder = recorderAuthorization(registry.config.dataDir, 'retrier');
    }, 30_000);
    afterAll(async () => registry?.stop());

    it('through the EventStore port: the same command appended again at the same expected revision writes nothing', async () => {
      store = registry.app.get<EventStore>(EVENT_STORE);
      const stream = streamOfOperation(OFFICE);
      const before = await loadStream(store, stream);
      const at = before.revision!;
      const first = await appendAsTheHandlerDoes(store, attempt(1), at);
      // the retry: another request (correlation id, recorded-at), the same decision at the same revision
      await new Promise((resolve) => setTimeout(resolve, 5));
      const again = await appendAsTheHandlerDoes(store, attempt(2), at);
      expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
      const after = await loadStream(store, stream);
      expect(after.events).toHaveLength(before.events.length + 1);
      expect(after.events.at(-1)!.metadata.correlationId).toBe('attempt-1');
    });

    it('over HTTP with If-Match: the retry is refused with 412 and writes nothing', async () => {
      const detail = await registry.get(`/api/field-operations/${OFFICE}`);
      const etag = detail.headers.get('etag')!;
      const body = { name: 'Aivo Orav', from: '2006' };
      const first = await registry.post(heads, body, { ...recorder, 'if-match': etag });
      expect(first.status).toBe(200);
      const retry = await registry.post(heads, body, { ...recorder, 'if-match': etag });
      expect(retry.status).toBe(412);
      const history = await registry.get(
        `/api/field-operations/${OFFICE}/history?minPosition=${first.body.position}`,
      );
      expect(
        history.body.items.filter((h: { data: { name?: string } }) => h.data.name === 'Aivo Orav'),
      ).toHaveLength(1);
    });

    it('over HTTP with neither If-Match nor a key, the retry is a second command: it records the appointment twice (why clients send Idempotency-Key)', async () => {
      const body = { name: 'Benedikt Haller', from: '2010' };
      const first = await registry.post(heads, body, recorder);
      const retry = await registry.post(heads, body, recorder);
      expect([first.status, retry.status]).toEqual([200, 200]);
      expect(retry.body.revision).toBe(first.body.revision + 1);
      const withKey = { ...recorder, 'idempotency-key': 'haller-again' };
      const keyed = await registry.post(heads, { name: 'Benedikt Haller', from: '2011' }, withKey);
      const keyedRetry = await registry.post(
        heads,
        { name: 'Benedikt Haller', from: '2011' },
        withKey,
      );
      expect(keyedRetry.body).toEqual(keyed.body);
      expect(keyed.body.revision).toBe(retry.body.revision + 1);
    });
  },
);
