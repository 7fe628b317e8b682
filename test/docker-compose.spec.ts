import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, readConfig } from '../src/config/registry-config';

interface Service {
  environment?: Record<string, string | number>;
  image?: string;
  healthcheck?: { test: string[] };
}

const compose = parse(readFileSync(join(__dirname, '..', 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, Service>;
};
const KNOWN: readonly string[] = CONFIG_VARIABLES;

describe('docker-compose.yml', () => {
  it.each(['registry', 'registry-cluster'])(
    'gives the %s service only variables the registry reads, with values it accepts',
    (name) => {
      const env = Object.fromEntries(
        Object.entries(compose.services[name].environment ?? {}).map(([k, v]) => [k, String(v)]),
      );
      expect(Object.keys(env).filter((key) => !KNOWN.includes(key))).toEqual([]);
      const config = readConfig(env);
      expect(config.eventStore).toBe('kurrentdb');
      expect(config.kurrentdbConnectionString).toMatch(/^kurrentdb:\/\//);
    },
  );

  it('points the registry at the kurrentdb service on its node port', () => {
    const kurrentdb = compose.services.kurrentdb;
    expect(kurrentdb.image).toMatch(/^docker\.kurrent\.io\/kurrent-lts\/kurrentdb/);
    expect(kurrentdb.healthcheck?.test.join(' ')).toContain('/health/live');
    const port = String(kurrentdb.environment?.KURRENTDB_NODE_PORT);
    expect(compose.services.registry.environment?.KURRENTDB_CONNECTION_STRING).toBe(
      `kurrentdb://kurrentdb:${port}?tls=false`,
    );
  });

  it('documents in the README every variable the registry reads', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    for (const key of KNOWN) expect(readme).toContain(`\`${key}\``);
  });
});
