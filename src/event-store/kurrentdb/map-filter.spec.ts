import type { RecordedEvent } from '../event-store.port';
import { matchesFilter, toServerFilter } from './map-filter';

const event = (stream: string, type: string): RecordedEvent => ({
  id: '00000000-0000-4000-8000-000000000000',
  stream,
  type,
  revision: 0n,
  position: 1n,
  data: {},
  metadata: {},
  recordedAt: new Date(0),
});

describe('KurrentDB $all filter mapping', () => {
  it('sends stream prefixes to the server when given, else event types as prefixes', () => {
    expect(toServerFilter({ streamPrefixes: ['office-'], eventTypes: ['A'] })).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['office-'],
    });
    expect(toServerFilter({ eventTypes: ['A', 'B'] })).toMatchObject({
      filterOn: 'eventType',
      prefixes: ['A', 'B'],
    });
    expect(toServerFilter({ eventTypes: [] })).toBeUndefined();
    expect(toServerFilter(undefined)).toBeUndefined();
  });

  it('matches event types exactly and stream names by prefix, both when both are given', () => {
    const filter = { eventTypes: ['Kept'], streamPrefixes: ['a-', 'b-'] };
    expect(matchesFilter(filter, event('a-1', 'Kept'))).toBe(true);
    expect(matchesFilter(filter, event('b-1', 'KeptToo'))).toBe(false);
    expect(matchesFilter(filter, event('c-1', 'Kept'))).toBe(false);
    expect(matchesFilter({}, event('c-1', 'Any'))).toBe(true);
  });

  it('never lets system events through', () => {
    expect(matchesFilter(undefined, event('$stats-0.0.0.0:2113', 'Stats'))).toBe(false);
    expect(matchesFilter(undefined, event('office-1', '$metadata'))).toBe(false);
    expect(matchesFilter({ streamPrefixes: ['$'] }, event('$scavenges', 'x'))).toBe(false);
  });
});
