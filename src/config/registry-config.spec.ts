import { ConfigError, readConfig } from './registry-config';

describe('readConfig', () => {
  it('defaults to the embedded store, port 3000, ./data, the OSCE seed and synchronous=FULL', () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      port: 3000,
      eventStore: 'sqlite',
      seed: 'osce',
      sqliteSynchronous: 'FULL',
      kurrentdbConnectionString: undefined,
      sealEvery: 1000,
      baseIri: 'https://registry.example/id/',
    });
    expect(config.dataDir).toMatch(/[\\/]data$/);
  });

  it('reads every variable', () => {
    const config = readConfig({
      PORT: '8080',
      REGISTRY_DATA_DIR: '/var/lib/registry',
      EVENT_STORE: 'kurrentdb',
      KURRENTDB_CONNECTION_STRING: 'kurrentdb://kurrentdb:2113?tls=false',
      REGISTRY_SEED: 'none',
      SQLITE_SYNCHRONOUS: 'normal',
      REGISTRY_SEAL_EVERY: ' 250 ',
      REGISTRY_BASE_IRI: 'https://data.osce.example/registry',
    });
    expect(config).toEqual({
      port: 8080,
      dataDir: '/var/lib/registry',
      eventStore: 'kurrentdb',
      kurrentdbConnectionString: 'kurrentdb://kurrentdb:2113?tls=false',
      seed: 'none',
      sqliteSynchronous: 'NORMAL',
      sealEvery: 250,
      baseIri: 'https://data.osce.example/registry/',
    });
  });

  it.each([
    [{ EVENT_STORE: 'postgres' }, /EVENT_STORE must be one of sqlite, kurrentdb/],
    [{ EVENT_STORE: 'kurrentdb' }, /needs KURRENTDB_CONNECTION_STRING/],
    [{ PORT: 'eighty' }, /PORT must be a port number/],
    [{ REGISTRY_SEED: 'all' }, /REGISTRY_SEED must be one of osce, none/],
    [{ REGISTRY_SEAL_EVERY: '-1' }, /REGISTRY_SEAL_EVERY must be a whole number/],
    [{ REGISTRY_BASE_IRI: 'registry/id/' }, /REGISTRY_BASE_IRI must be an absolute/],
    [{ REGISTRY_BASE_IRI: 'urn:x:y' }, /REGISTRY_BASE_IRI must be an http\(s\) IRI/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(message);
  });
});
