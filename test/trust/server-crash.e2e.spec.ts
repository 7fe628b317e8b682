import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { openReadModelView } from '../../src/projections/read-model-database';
import { checkpointsOf } from '../../src/projections/read-model-digest';
import { currentReadModelsFile } from '../../src/projections/read-model-files';
import { collect } from '../support/events';
import { dumpReadModels, project } from '../support/read-models';
import { recorderAuthorization } from './support/recorder-key';
import { ServerProcess } from './support/server-process';

const TRIALS = 3;
const CLIENTS = 6;

/** A write the server acknowledged with 2xx: what it answered, and how to find it in the log. */
interface Ack {
  readonly path: string;
  readonly body: object;
  readonly stream: string;
  readonly correlationId: string;
  readonly idempotencyKey?: string;
  readonly status: number;
  readonly answer: { id: string; revision: number; position: number };
}

interface Load {
  readonly acks: Ack[];
  /** Requests the kill cut off: recorded or not, nobody was told. */
  readonly unanswered: Array<Omit<Ack, 'status' | 'answer'>>;
}

const establishment = (id: string) => ({
  id,
  name: `Operation ${id}`,
  kind: 'office',
  hostStates: ['belarus'],
  seat: 'Minsk',
  establishedOn: '2010-01-01',
});

/**
 * `CLIENTS` clients each recording field operations and their heads as fast as they can (half
 * of them with Idempotency-Key) until the server stops answering.
 */
async function writeLoad(server: ServerProcess, auth: Record<string, string>, trial: number) {
  const load: Load = { acks: [], unanswered: [] };
  let stopped = false;
  const post = async (client: number, n: number, step: string, path: string, body: object) => {
    const correlationId = `t${trial}-c${client}-${n}-${step}`;
    const idempotencyKey = client % 2 === 0 ? `key-${correlationId}` : undefined;
    const operation = path.split('/')[3] || (body as { id: string }).id;
    const sent = {
      path,
      body,
      stream: `field-operation-${operation}`,
      correlationId,
      idempotencyKey,
    };
    let response: Response;
    try {
      response = await fetch(`${server.baseUrl}${path}`, {
        method: 'POST',
        headers: {
          ...auth,
          'content-type': 'application/json',
          'x-correlation-id': correlationId,
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      load.unanswered.push(sent);
      stopped = true;
      return false;
    }
    const text = await response.text().catch(() => undefined);
    if (text === undefined) {
      load.unanswered.push(sent);
      stopped = true;
      return false;
    }
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${text}`);
    load.acks.push({ ...sent, status: response.status, answer: JSON.parse(text) as Ack['answer'] });
    return true;
  };
  const client = async (c: number) => {
    for (let n = 0; !stopped; n++) {
      const id = `op-t${trial}-c${c}-${n}`;
      if (!(await post(c, n, 'establish', '/api/field-operations', establishment(id)))) return;
      const head = { name: `Head of ${id}`, from: '2010-02' };
      if (!(await post(c, n, 'head', `/api/field-operations/${id}/heads`, head))) return;
    }
  };
  return {
    load,
    running: Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c))),
  };
}

async function logOf(dataDir: string): Promise<RecordedEvent[]> {
  const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
  try {
    return await collect(store.readAll());
  } finally {
    await store.close();
  }
}

describe('The server killed with SIGKILL under a concurrent write load, then restarted', () => {
  let dataDir: string;
  let auth: Record<string, string>;
  let server: ServerProcess | undefined;
  const acknowledged: Ack[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'registry-server-crash-'));
    auth = recorderAuthorization(dataDir, 'crash');
    server = await ServerProcess.start(dataDir);
    const admitted = await fetch(`${server.baseUrl}/api/participating-states`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'belarus', name: 'Belarus', admittedOn: '1992-01-30' }),
    });
    expect(admitted.status).toBe(201);
  }, 90_000);

  afterAll(async () => {
    await server?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(Array.from({ length: TRIALS }, (_, t) => t))(
    'trial %i: every acknowledged command is in the log exactly once, and the read models equal a rebuild',
    async (trial) => {
      // 1. load, then SIGKILL at a random moment
      server ??= await ServerProcess.start(dataDir);
      const { load, running } = await writeLoad(server, auth, trial);
      await new Promise((resolve) => setTimeout(resolve, 400 + Math.random() * 1600));
      await server.kill('SIGKILL');
      expect({ signal: server.child.signalCode, log: server.log }).toEqual({
        signal: 'SIGKILL',
        log: expect.any(String),
      });
      await running;
      expect(load.acks.length).toBeGreaterThan(0);
      acknowledged.push(...load.acks);

      // 2. restart on the same data folder
      server = await ServerProcess.start(dataDir);

      // 3. every command ever acknowledged is in the log once, where its answer said
      const log = await logOf(dataDir);
      expect(new Set(log.map((e) => e.id)).size).toBe(log.length);
      const byCorrelation = new Map<string, RecordedEvent[]>();
      for (const event of log) {
        const id = event.metadata.correlationId;
        byCorrelation.set(id, [...(byCorrelation.get(id) ?? []), event]);
      }
      for (const ack of acknowledged) {
        const found = (byCorrelation.get(ack.correlationId) ?? []).map((e) => ({
          stream: e.stream,
          revision: Number(e.revision),
          position: Number(e.position),
        }));
        expect({ ack: ack.correlationId, found }).toEqual({
          ack: ack.correlationId,
          found: [
            { stream: ack.stream, revision: ack.answer.revision, position: ack.answer.position },
          ],
        });
      }
      // a request cut off by the kill wrote once or not at all
      for (const { correlationId } of load.unanswered) {
        expect((byCorrelation.get(correlationId) ?? []).length).toBeLessThanOrEqual(1);
      }

      // 4. a retry of an acknowledged keyed command replays its answer and records nothing
      const keyed = load.acks.filter((a) => a.idempotencyKey !== undefined);
      for (const ack of keyed) {
        const retry = await fetch(`${server.baseUrl}${ack.path}`, {
          method: 'POST',
          headers: {
            ...auth,
            'content-type': 'application/json',
            'idempotency-key': ack.idempotencyKey!,
          },
          body: JSON.stringify(ack.body),
          signal: AbortSignal.timeout(10_000),
        });
        expect([ack.correlationId, retry.status, retry.headers.get('idempotent-replayed')]).toEqual(
          [ack.correlationId, ack.status, 'true'],
        );
        expect(await retry.json()).toEqual(ack.answer);
      }
      expect((await logOf(dataDir)).length).toBe(log.length);

      // 5. a keyed request the kill cut off: its retry replays it, finds it still claimed (409,
      //    until the dead server's claim lapses), or runs it if it never got that far
      const retried: string[] = [];
      for (const cut of load.unanswered.filter((u) => u.idempotencyKey !== undefined)) {
        const retry = await fetch(`${server.baseUrl}${cut.path}`, {
          method: 'POST',
          headers: {
            ...auth,
            'content-type': 'application/json',
            'idempotency-key': cut.idempotencyKey!,
          },
          body: JSON.stringify(cut.body),
          signal: AbortSignal.timeout(10_000),
        });
        const replayed = retry.headers.get('idempotent-replayed') === 'true';
        retried.push(`${retry.status}${replayed ? ' replayed' : ''}`);
        expect([200, 201, 409]).toContain(retry.status);
        if (retry.status < 300 && !replayed) {
          // it ran now, so the first attempt had recorded nothing
          expect([cut.correlationId, byCorrelation.get(cut.correlationId)]).toEqual([
            cut.correlationId,
            undefined,
          ]);
        }
      }
      const after = await logOf(dataDir);
      const head = after[after.length - 1].position;

      // 6. the read models, caught up after the crash, equal a fresh projection of the log
      const caughtUp = await fetch(`${server.baseUrl}/api/field-operations?minPosition=${head}`, {
        signal: AbortSignal.timeout(15_000),
      });
      expect(caughtUp.status).toBe(200);
      await server.kill('SIGTERM');
      server = undefined;
      const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
      const rebuilt = await project(store, join(dataDir, `rebuilt-${trial}.sqlite`));
      await store.close();
      // The live files (the main one and each part's) on one connection.
      const live = openReadModelView(join(dataDir, currentReadModelsFile(dataDir)));
      try {
        expect([...checkpointsOf(live).values()].every((p) => p === head)).toBe(true);
        expect(checkpointsOf(rebuilt)).toEqual(checkpointsOf(live));
        const liveDump = dumpReadModels(live);
        expect(liveDump.field_operations.length).toBeGreaterThan(0);
        expect(dumpReadModels(rebuilt)).toEqual(liveDump);
      } finally {
        live.close();
        rebuilt.close();
      }
      console.log(
        `server crash trial ${trial}: ${load.acks.length} writes acknowledged (${keyed.length} with Idempotency-Key), ${load.unanswered.length} cut off by SIGKILL (keyed retries after restart: ${retried.join(', ') || 'none'}), log head ${head}`,
      );
    },
    120_000,
  );
});
