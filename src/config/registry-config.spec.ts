import { ConfigError, readConfig } from './registry-config';

describe('readConfig', () => {
  it('defaults to the embedded store, port 3000, ./data, the OSCE seed and synchronous=FULL', () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      port: 3000,
      eventStore: 'sqlite',
      seed: 'osce',
      sqliteSynchronous: 'FULL',
      sqliteMmapMb: 0,
      sqliteStreamCopy: true,
      kurrentdbConnectionString: undefined,
      sealEvery: 1000,
      baseIri: 'https://registry.example/id/',
      rateLimit: { limit: 1000, windowSeconds: 60 },
      corsOrigins: [],
      trustProxy: false,
      publicReads: true,
      oidc: undefined,
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
      SQLITE_MMAP_MB: '512',
      SQLITE_STREAM_COPY: 'OFF',
      REGISTRY_SEAL_EVERY: ' 250 ',
      REGISTRY_BASE_IRI: 'https://data.osce.example/registry',
      REGISTRY_RATE_LIMIT: '0',
      REGISTRY_RATE_WINDOW_SECONDS: '10',
      REGISTRY_CORS_ORIGINS: ' https://osce.example, http://localhost:8080 ',
      REGISTRY_TRUST_PROXY: '10.0.0.0/8, loopback, 2001:db8::1',
      REGISTRY_PUBLIC_READS: 'FALSE',
      REGISTRY_OIDC_JWKS_URL: 'https://id.osce.example/realms/osce/certs',
      REGISTRY_OIDC_ISSUER: 'https://id.osce.example/realms/osce',
      REGISTRY_OIDC_AUDIENCE: ' osce-registry ',
      REGISTRY_OIDC_ROLE_CLAIM: 'realm_access.roles',
      REGISTRY_OIDC_PRINCIPAL_CLAIM: 'preferred_username',
    });
    expect(config).toEqual({
      port: 8080,
      dataDir: '/var/lib/registry',
      eventStore: 'kurrentdb',
      kurrentdbConnectionString: 'kurrentdb://kurrentdb:2113?tls=false',
      seed: 'none',
      sqliteSynchronous: 'NORMAL',
      sqliteMmapMb: 512,
      sqliteStreamCopy: false,
      sealEvery: 250,
      baseIri: 'https://data.osce.example/registry/',
      rateLimit: { limit: 0, windowSeconds: 10 },
      corsOrigins: ['https://osce.example', 'http://localhost:8080'],
      trustProxy: ['10.0.0.0/8', 'loopback', '2001:db8::1'],
      publicReads: false,
      oidc: {
        jwksUrl: 'https://id.osce.example/realms/osce/certs',
        issuer: 'https://id.osce.example/realms/osce',
        audience: 'osce-registry',
        roleClaim: 'realm_access.roles',
        principalClaim: 'preferred_username',
      },
    });
  });

  it('defaults the OIDC claims to roles and sub, and allows http for a JWKS on localhost only', () => {
    const oidc = readConfig({
      REGISTRY_OIDC_JWKS_URL: 'http://127.0.0.1:8080/jwks.json',
      REGISTRY_OIDC_ISSUER: 'http://127.0.0.1:8080',
      REGISTRY_OIDC_AUDIENCE: 'registry',
    }).oidc;
    expect(oidc).toMatchObject({ roleClaim: 'roles', principalClaim: 'sub' });
    expect(readConfig({ REGISTRY_PUBLIC_READS: 'true' }).publicReads).toBe(true);
  });

  it.each([
    ['true', true],
    [' FALSE ', false],
    ['', false],
    ['2', 2],
    ['192.0.2.10', ['192.0.2.10']],
  ])('reads REGISTRY_TRUST_PROXY=%p', (value, expected) => {
    expect(readConfig({ REGISTRY_TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it('allows any origin with REGISTRY_CORS_ORIGINS=*', () => {
    expect(readConfig({ REGISTRY_CORS_ORIGINS: '*' }).corsOrigins).toBe('*');
  });

  it.each([
    [{ EVENT_STORE: 'postgres' }, /EVENT_STORE must be one of sqlite, kurrentdb/],
    [{ EVENT_STORE: 'kurrentdb' }, /needs KURRENTDB_CONNECTION_STRING/],
    [{ PORT: 'eighty' }, /PORT must be a port number/],
    [{ REGISTRY_SEED: 'all' }, /REGISTRY_SEED must be one of osce, none/],
    [{ REGISTRY_SEAL_EVERY: '-1' }, /REGISTRY_SEAL_EVERY must be a whole number/],
    [{ SQLITE_MMAP_MB: '1.5' }, /SQLITE_MMAP_MB must be a whole number/],
    [{ SQLITE_STREAM_COPY: 'yes' }, /SQLITE_STREAM_COPY must be one of on, off/],
    [{ REGISTRY_BASE_IRI: 'registry/id/' }, /REGISTRY_BASE_IRI must be an absolute/],
    [{ REGISTRY_BASE_IRI: 'urn:x:y' }, /REGISTRY_BASE_IRI must be an http\(s\) IRI/],
    [{ REGISTRY_RATE_LIMIT: 'lots' }, /REGISTRY_RATE_LIMIT must be a whole number/],
    [
      { REGISTRY_RATE_WINDOW_SECONDS: '0' },
      /REGISTRY_RATE_WINDOW_SECONDS must be a whole number above 0/,
    ],
    [{ REGISTRY_TRUST_PROXY: 'proxy.internal' }, /REGISTRY_TRUST_PROXY must be true, false/],
    [{ REGISTRY_TRUST_PROXY: '10.0.0.0/33' }, /REGISTRY_TRUST_PROXY must be true, false/],
    [{ REGISTRY_TRUST_PROXY: '10.0.0.1/8/1' }, /REGISTRY_TRUST_PROXY must be true, false/],
    [{ REGISTRY_CORS_ORIGINS: 'https://osce.example/' }, /REGISTRY_CORS_ORIGINS must be \*/],
    [{ REGISTRY_CORS_ORIGINS: 'osce.example' }, /REGISTRY_CORS_ORIGINS must be \*/],
    [{ REGISTRY_CORS_ORIGINS: 'https://a.example,*' }, /REGISTRY_CORS_ORIGINS must be \*/],
    [{ REGISTRY_PUBLIC_READS: 'no' }, /REGISTRY_PUBLIC_READS must be one of true, false/],
    [
      {
        REGISTRY_OIDC_JWKS_URL: 'https://id.example/certs',
        REGISTRY_OIDC_ISSUER: 'https://id.example',
      },
      /needs REGISTRY_OIDC_ISSUER and REGISTRY_OIDC_AUDIENCE/,
    ],
    [
      {
        REGISTRY_OIDC_JWKS_URL: 'http://id.example/certs',
        REGISTRY_OIDC_ISSUER: 'i',
        REGISTRY_OIDC_AUDIENCE: 'a',
      },
      /REGISTRY_OIDC_JWKS_URL must be https/,
    ],
    [
      {
        REGISTRY_OIDC_JWKS_URL: 'certs.json',
        REGISTRY_OIDC_ISSUER: 'i',
        REGISTRY_OIDC_AUDIENCE: 'a',
      },
      /REGISTRY_OIDC_JWKS_URL must be an absolute URL/,
    ],
    [{ REGISTRY_OIDC_AUDIENCE: 'registry' }, /take effect only with REGISTRY_OIDC_JWKS_URL/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(message);
  });
});
