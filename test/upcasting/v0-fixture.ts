import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventMetadata, EventStore } from '../../src/event-store/event-store.port';

interface FixtureLine {
  id: string;
  stream: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

export const V0_FIXTURE = join(__dirname, '..', 'fixtures', 'events-v0.ndjson');

/** Appends the stored v0 events, exactly as they are in the file, in order; returns the head. */
export async function loadV0Fixture(store: EventStore): Promise<bigint> {
  const lines = readFileSync(V0_FIXTURE, 'utf8').split('\n').filter(Boolean);
  let position = 0n;
  for (const line of lines) {
    const { stream, ...event } = JSON.parse(line) as FixtureLine;
    position = (await store.append(stream, [event], 'any')).position;
  }
  return position;
}
