/** Child process: appends `count` single events to a shared stream with expected state `any`. */
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';

const [file, name, count] = process.argv.slice(2);
const store = new SqliteEventStore({ file });

async function run(): Promise<void> {
  for (let n = 0; n < Number(count); n++) {
    const event = {
      id: randomUUID(),
      type: 'Written',
      data: { name, n },
      metadata: { actor: name },
    };
    await store.append('shared', [event], 'any');
  }
  await store.close();
}

run().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
