import type { FeedEvent } from '../../src/events-feed/feed-event';
import { RegistryUnderTest, type StoreUnderTest } from '../support/registry-app';
import { expectReadModelsToEqualTheFold, operationLog } from './support/operation-log';
import { recorderAuthorization } from './support/recorder-key';

const OFFICE = 'office-in-minsk';
const CLIENTS = 50;
const path = (suffix = '') => `/api/field-operations/${OFFICE}${suffix}`;

/** One client's command: which endpoint and body; `tag` becomes its correlation id. */
function commandOf(client: number, tag: string): { suffix: string; body: object } {
  switch (client % 3) {
    case 0:
      return { suffix: '/renamings', body: { name: `OSCE Office ${tag}`, effectiveOn: '2004-06' } };
    case 1:
      return { suffix: '/heads', body: { name: `Head ${tag}`, from: '2005-02-01' } };
    default:
      return {
        suffix: '/mandates',
        body: { decision: 'PC.DEC/526', effectiveFrom: '2006', summary: `Mandate ${tag}` },
      };
  }
}

interface Outcome {
  readonly tag: string;
  readonly body: object;
  readonly actor: string;
  readonly status: number;
  readonly problem?: string;
  readonly revision?: number;
  readonly position?: number;
}

describe.each<StoreUnderTest>(['sqlite', 'kurrentdb-double'])(
  `${CLIENTS} clients racing conflicting commands on one field operation (%s)`,
  (store) => {
    let registry: RegistryUnderTest;
    let credentials: Array<Record<string, string>>;
    let initial: FeedEvent[];
    const outcomes: Outcome[] = [];

    beforeAll(async () => {
      registry = await RegistryUnderTest.startWithPressRelease(store);
      credentials = Array.from({ length: CLIENTS }, (_, i) =>
        recorderAuthorization(registry.config.dataDir, `client-${i}`),
      );
      initial = await operationLog(registry, OFFICE, 0);
    }, 60_000);
    afterAll(async () => registry?.stop());

    /** Sends client `i`'s command tagged `tag`, with If-Match when given, and notes the outcome. */
    async function send(
      i: number,
      tag: string,
      command: { suffix: string; body: object },
      ifMatch?: string,
    ): Promise<Outcome> {
      const response = await registry.post(path(command.suffix), command.body, {
        ...credentials[i],
        'x-correlation-id': tag,
        ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }),
      });
      const outcome: Outcome =
        response.status === 200
          ? { tag, body: command.body, actor: `key:client-${i}`, status: 200, ...response.body }
          : {
              tag,
              body: command.body,
              actor: `key:client-${i}`,
              status: response.status,
              problem: String(response.body?.type ?? response.body).replace(/^.*\//, ''),
            };
      outcomes.push(outcome);
      return outcome;
    }

    const etagNow = async (): Promise<string> =>
      (await registry.get(path())).headers.get('etag') as string;

    it('lets exactly one of 50 commands at the same If-Match through; the rest get 412 or 409', async () => {
      const etag = await etagNow();
      const round = await Promise.all(
        Array.from({ length: CLIENTS }, (_, i) =>
          send(i, `c${i}-race`, commandOf(i, `c${i}-race`), etag),
        ),
      );
      expect(round.filter((o) => o.status === 200)).toHaveLength(1);
      for (const lost of round.filter((o) => o.status !== 200)) {
        expect([`${lost.status} ${lost.problem}`]).toEqual([
          expect.stringMatching(/^(412 precondition-failed|409 concurrent-change)$/),
        ]);
      }
    }, 60_000);

    it('lets 50 clients that re-read and retry on 412/409 each get through once, with no update lost', async () => {
      const round = await Promise.all(
        Array.from({ length: CLIENTS }, async (_, i) => {
          for (let attempt = 0; attempt < 60; attempt++) {
            const tag = `c${i}-try${attempt}`;
            const outcome = await send(i, tag, commandOf(i, tag), await etagNow());
            if (outcome.status === 200) return outcome;
            expect([412, 409]).toContain(outcome.status);
            await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
          }
          return undefined;
        }),
      );
      const accepted = round.filter((o) => o !== undefined);
      expect(accepted.length).toBeGreaterThan(CLIENTS / 2);
      // each accepted command got its own revision
      expect(new Set(accepted.map((o) => o.revision)).size).toBe(accepted.length);
    }, 120_000);

    it('closes once while 40 other commands race the closure without If-Match; after it, only 409', async () => {
      const closure = { suffix: '/closure', body: { closedOn: '2025-12-31', reason: 'other' } };
      const round = await Promise.all(
        Array.from({ length: CLIENTS }, (_, i) => {
          const tag = `c${i}-end`;
          return send(i, tag, i % 5 === 0 ? closure : commandOf(i, tag));
        }),
      );
      // Identical closures that read the same revision carry the same deterministic event id, so
      // the store takes the later ones for retries of the first: each is answered with the one
      // closure recorded (same revision and position), none is recorded twice.
      let closures = round.filter((o, i) => i % 5 === 0 && o.status === 200);
      if (closures.length === 0) {
        // Under load every closure can lose its race (each appends at the revision it read);
        // once the race is over, one goes through.
        const settled = await send(0, 'c0-end-after-race', closure);
        expect(settled.status).toBe(200);
        closures = [settled];
      }
      expect(new Set(closures.map((o) => `${o.revision}@${o.position}`)).size).toBe(1);
      for (const o of round.filter((o) => o.status !== 200)) {
        expect([`${o.status} ${o.problem}`]).toEqual([
          expect.stringMatching(/^409 (concurrent-change|operation-closed)$/),
        ]);
      }
      const afterClosure = round.filter(
        (o) => o.status === 200 && o.revision! > closures[0].revision!,
      );
      expect(afterClosure).toEqual([]);
    }, 60_000);

    it('has every accepted command in the log exactly once, where its answer said, and nothing else', async () => {
      expect(outcomes.every((o) => [200, 409, 412].includes(o.status))).toBe(true);
      const accepted = outcomes.filter((o) => o.status === 200);
      const lastPosition = Math.max(...accepted.map((o) => o.position!));
      const log = await operationLog(registry, OFFICE, lastPosition);
      // contiguous revisions, growing positions: nothing lost, nothing in between
      expect(log.map((e) => e.revision)).toEqual(log.map((_, i) => i));
      expect(log.every((e, i) => i === 0 || e.position > log[i - 1].position)).toBe(true);
      expect(log.slice(0, initial.length)).toEqual(initial);
      const added = log.slice(initial.length);
      // every answer points at the event recorded for it: at its revision and position, with its
      // content; only identical commands (the closures above) may share one event
      const byRevision = new Map(added.map((e) => [e.revision, e]));
      const sharing = new Map<number, Outcome[]>();
      for (const o of accepted) sharing.set(o.revision!, [...(sharing.get(o.revision!) ?? []), o]);
      expect(added).toHaveLength(sharing.size);
      for (const [revision, answers] of sharing) {
        const event = byRevision.get(revision);
        const recordedFor = answers.find((o) => o.tag === event?.metadata.correlationId);
        expect({ revision, recordedFor: recordedFor?.tag }).toEqual({
          revision,
          recordedFor: expect.any(String),
        });
        expect(event!.position).toBe(recordedFor!.position);
        expect(event!.metadata.actor).toBe(recordedFor!.actor);
        expect(event!.data).toMatchObject(recordedFor!.body);
        for (const other of answers) {
          expect([other.position, other.body]).toEqual([event!.position, recordedFor!.body]);
        }
      }
      expect(added.filter((e) => e.type !== 'OfficeClosed').length).toBe(
        accepted.filter((o) => !('closedOn' in o.body)).length,
      );
      expect(added.at(-1)!.type).toBe('OfficeClosed');
      expect(added.filter((e) => e.type === 'OfficeClosed')).toHaveLength(1);
    }, 60_000);

    it('shows, in the detail on several days and in the history, exactly the fold of that log', async () => {
      const accepted = outcomes.filter((o) => o.status === 200);
      const log = await operationLog(
        registry,
        OFFICE,
        Math.max(...accepted.map((o) => o.position!)),
      );
      await expectReadModelsToEqualTheFold(registry, OFFICE, log, [
        '2002-12-31',
        '2003-01-01',
        '2005-03-01',
        '2025-12-31',
        '2026-01-01',
      ]);
    }, 60_000);
  },
);
