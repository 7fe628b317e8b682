import { advisoryAndMonitoringGroup, belarus } from './press-release';
import { RegistryUnderTest } from './registry-app';

/** A registry on SQLite with Belarus and the Advisory and Monitoring Group recorded. */
export async function startWithBelarusGroup(): Promise<RegistryUnderTest> {
  const registry = await RegistryUnderTest.start('sqlite');
  await registry.post('/api/participating-states', belarus);
  await registry.post('/api/field-operations', advisoryAndMonitoringGroup);
  return registry;
}

/** Events in the log (the write-refusal tests' logs are short). */
export async function eventCount(registry: RegistryUnderTest): Promise<number> {
  return (await registry.get('/api/events?limit=1000')).body.items.length;
}

/** Posts `body` to `path`: a 422 problem pointing at `pointer`, and nothing recorded. */
export async function expectRefusedAt(
  registry: RegistryUnderTest,
  path: string,
  body: unknown,
  pointer: string,
): Promise<void> {
  const before = await eventCount(registry);
  const response = await registry.post(path, JSON.parse(JSON.stringify(body)));
  expect(response.status).toBe(422);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  expect(await eventCount(registry)).toBe(before);
}
