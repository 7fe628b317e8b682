import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import type { OidcConfig } from '../../src/config/registry-config';
import { RegistryUnderTest } from '../support/registry-app';

const ISSUER = 'https://id.osce.example/realms/registry';
const AUDIENCE = 'osce-registry';
const KID = 'test-key-1';

/** A JWKS served by the test itself on 127.0.0.1: no network beyond loopback. */
async function serveJwks(
  jwks: object,
): Promise<{ server: Server; url: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((request, response) => {
    hits += 1;
    if (request.url !== '/jwks.json') return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/jwks.json`, hits: () => hits };
}

const oidcConfig = (jwksUrl: string): OidcConfig => ({
  jwksUrl,
  issuer: ISSUER,
  audience: AUDIENCE,
  roleClaim: 'roles',
  principalClaim: 'sub',
});

describe('OIDC bearer tokens verified against a JWKS', () => {
  let registry: RegistryUnderTest;
  let jwks: Awaited<ReturnType<typeof serveJwks>>;
  let signingKey: CryptoKey;
  let otherKey: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    signingKey = pair.privateKey;
    otherKey = (await generateKeyPair('ES256')).privateKey;
    jwks = await serveJwks({
      keys: [{ ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'ES256', use: 'sig' }],
    });
    registry = await RegistryUnderTest.start('sqlite', { oidc: oidcConfig(jwks.url) });
  });
  afterAll(async () => {
    await registry?.stop();
    jwks?.server.close();
  });

  /** A token as the identity provider would issue it, with `changes` applied. */
  const token = async (
    claims: JWTPayload = {},
    options: {
      key?: CryptoKey;
      expiresIn?: string | number;
      issuer?: string;
      audience?: string;
    } = {},
  ): Promise<string> => {
    const jwt = new SignJWT({ roles: ['recorder'], ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: KID, typ: 'JWT' })
      .setSubject(claims.sub ?? 'alice@osce.example')
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setIssuedAt();
    if (options.expiresIn !== undefined) jwt.setExpirationTime(options.expiresIn);
    else jwt.setExpirationTime('5m');
    return jwt.sign(options.key ?? signingKey);
  };

  const admit = async (bearer: string, id: string) =>
    registry
      .as(bearer)
      .post(
        '/api/participating-states',
        { id, name: id, admittedOn: '1992' },
        { 'x-correlation-id': `oidc-${id}` },
      );

  it('records a write with a recorder token under the actor sub', async () => {
    const response = await admit(await token({ sub: 'alice@osce.example' }), 'belarus');
    expect(response.status).toBe(201);
    const [event] = (await registry.get('/api/events?correlationId=oidc-belarus&minPosition=1'))
      .body.items;
    expect(event.metadata.actor).toBe('alice@osce.example');
    expect(jwks.hits()).toBeGreaterThanOrEqual(1);
  });

  it.each<[string, () => Promise<string>, RegExp]>([
    ['for another audience', () => token({}, { audience: 'another-app' }), /"aud" claim/],
    ['from another issuer', () => token({}, { issuer: 'https://evil.example' }), /"iss" claim/],
    [
      'expired an hour ago',
      () => token({}, { expiresIn: Math.floor(Date.now() / 1000) - 3600 }),
      /expired/,
    ],
    ['signed by a key not in the JWKS', () => token({}, { key: otherKey }), /signature/],
    ['without a subject', () => token({ sub: '' }), /"sub" claim/],
    [
      'with its signature cut off',
      async () => (await token()).split('.').slice(0, 2).join('.') + '.',
      /not a valid JWT|signature/,
    ],
    [
      'unsigned (alg: none)',
      async () => {
        const [, payload] = (await token()).split('.');
        return `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
      },
      /.+/,
    ],
  ])('answers a token %s with 401', async (_, make, reason) => {
    const bearer = await make();
    const response = await admit(bearer, 'never-admitted');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer realm="registry", error="invalid_token"',
    );
    expect(response.body.detail).toMatch(reason);
    expect(JSON.stringify(response.body)).not.toContain(bearer);
  });

  it('answers a token without an exp claim with 401', async () => {
    const bearer = await new SignJWT({ roles: ['recorder'] })
      .setProtectedHeader({ alg: 'ES256', kid: KID })
      .setSubject('alice')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .sign(signingKey);
    expect((await admit(bearer, 'never-admitted')).status).toBe(401);
  });

  it('answers a valid token without the recorder role with 403, and lets it read', async () => {
    for (const roles of [undefined, [], ['reader'], ['auditor'], 'reader admin']) {
      const bearer = await token({ roles });
      const response = await admit(bearer, 'never-admitted');
      expect(response.status).toBe(403);
      expect(response.body.type).toBe('https://registry.example/problems/forbidden');
    }
    expect(
      (await registry.as(await token({ roles: ['reader'] })).get('/api/decisions')).status,
    ).toBe(200);
  });

  it('takes every role the claim lists: recorder and auditor', async () => {
    const bearer = await token({ sub: 'bob', roles: 'recorder auditor' });
    expect((await admit(bearer, 'armenia')).status).toBe(201);
    expect((await registry.as(bearer).get('/api/audit/verification')).status).toBe(200);
    expect((await registry.as(await token()).get('/api/audit/verification')).status).toBe(403);
    const events = (await registry.get('/api/events?limit=100&minPosition=2')).body.items;
    expect(events.map((e: { metadata: { actor: string } }) => e.metadata.actor)).toEqual([
      'alice@osce.example',
      'bob',
    ]);
  });

  it('still accepts API keys beside tokens', async () => {
    expect(
      (
        await registry.as(registry.keys.recorder).post('/api/participating-states', {
          id: 'austria',
          name: 'Austria',
          admittedOn: '1973',
        })
      ).status,
    ).toBe(201);
  });
});

describe('OIDC with the identity provider unreachable', () => {
  let registry: RegistryUnderTest;
  beforeAll(async () => {
    const { server, url } = await serveJwks({ keys: [] });
    await new Promise((resolve) => server.close(resolve)); // nothing listens there any more
    registry = await RegistryUnderTest.start('sqlite', { oidc: oidcConfig(url) });
  });
  afterAll(async () => registry?.stop());

  it('answers 503 with Retry-After, not 401: the token may well be valid', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const bearer = await new SignJWT({ roles: ['recorder'] })
      .setProtectedHeader({ alg: 'ES256', kid: KID })
      .setSubject('alice')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(privateKey);
    const response = await registry
      .as(bearer)
      .post('/api/participating-states', { id: 'x', name: 'x', admittedOn: '1992' });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.body.type).toBe(
      'https://registry.example/problems/identity-provider-unavailable',
    );
  });
});
