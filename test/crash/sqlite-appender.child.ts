/**
 * Child process for the crash test: appends to a few streams as fast as it can and prints every
 * acknowledged append as "ack <stream> <revision> <position> <eventId>" once append() resolved.
 */
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';

const [file] = process.argv.slice(2);
const store = new SqliteEventStore({ file });
const streams = ['crash-a', 'crash-b', 'crash-c'];

async function run(): Promise<void> {
  const revisions = new Map<string, bigint | 'no_stream'>();
  for (const stream of streams) {
    for await (const e of store.readStream(stream, { direction: 'backwards', maxCount: 1 })) {
      revisions.set(stream, e.revision);
    }
  }
  process.stdout.write('ready\n');
  for (let n = 0; ; n++) {
    const stream = streams[n % streams.length];
    const batch = Array.from({ length: 1 + (n % 3) }, () => ({
      id: randomUUID(),
      type: 'Appended',
      data: { n, padding: 'x'.repeat(200) },
      metadata: { actor: 'crash-test' },
    }));
    const result = await store.append(stream, batch, revisions.get(stream) ?? 'no_stream');
    revisions.set(stream, result.nextExpectedRevision);
    process.stdout.write(
      `ack ${stream} ${result.nextExpectedRevision} ${result.position} ${batch.map((e) => e.id).join(',')}\n`,
    );
  }
}

run().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
