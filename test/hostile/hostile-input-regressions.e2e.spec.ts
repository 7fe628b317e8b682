import { RegistryUnderTest } from '../support/registry-app';
import { closeRawAgent, rawRequest } from './support/raw-http';

const PROBLEM_JSON = /^application\/problem\+json(;|$)/;

/**
 * What the hostile-input properties (`hostile-writes.e2e.spec.ts`) found, one plain test each:
 * every one of these answered 5xx, a non-problem 4xx, or wrote an event before it was fixed.
 */
describe('Hostile input found by the properties, refused before anything is recorded', () => {
  let registry: RegistryUnderTest;
  let head: string;
  const headPosition = async () =>
    String((await registry.get('/health')).body.eventStore.headPosition);
  const post = (path: string, body: string, contentType = 'application/json') =>
    rawRequest(registry.baseUrl, 'POST', path, body, {
      authorization: `Bearer ${registry.keys.recorder}`,
      'content-type': contentType,
    });

  beforeAll(async () => {
    registry = await RegistryUnderTest.startWithPressRelease('sqlite');
  }, 30_000);
  beforeEach(async () => {
    head = await headPosition();
  });
  afterEach(async () => {
    expect(await headPosition()).toBe(head);
  });
  afterAll(async () => {
    closeRawAgent();
    await registry?.stop();
  });

  it('answers a body nested 10 000 levels deep with 422, not 500 (stack overflow in the pipe)', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const response = await post(
      '/api/participating-states',
      `{"id":"deep","name":${deep},"admittedOn":"1992"}`,
    );
    expect(response.status).toBe(422);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(JSON.parse(response.text).detail).toMatch(/^\/name\/0\/.* is nested deeper than 32/);
  });

  it('answers a form post with 415: a web page elsewhere can send one without a preflight', async () => {
    const response = await post(
      '/api/participating-states',
      'id=form-state&name=Form&admittedOn=1992',
      'application/x-www-form-urlencoded',
    );
    expect(response.status).toBe(415);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
  });

  it.each(['constructor', 'prototype', 'toString', 'valueOf'])(
    'refuses the unknown field %s (it was dropped silently and the command recorded)',
    async (key) => {
      const response = await post(
        '/api/participating-states',
        `{"id":"extra-${key.toLowerCase()}","name":"X","admittedOn":"1992","${key}":"x"}`,
      );
      expect(response.status).toBe(422);
      expect(JSON.parse(response.text).errors).toEqual([
        expect.objectContaining({ pointer: `/${key}` }),
      ]);
    },
  );

  it.each([
    ['a lone surrogate (stored mangled in the read models)', 'A\\ud800B', /surrogate/],
    ['NUL', 'A\\u0000B', /control character/],
  ])('refuses a name holding %s with 422', async (_label, escaped, detail) => {
    const response = await post(
      '/api/participating-states',
      `{"id":"odd-text","name":"${escaped}","admittedOn":"1992"}`,
    );
    expect(response.status).toBe(422);
    expect(JSON.parse(response.text)).toMatchObject({
      detail: expect.stringMatching(detail),
      errors: [expect.objectContaining({ pointer: '/name' })],
    });
  });

  it.each(['%ZZ', '%C0%AE%C0%AE', '%'])(
    'answers a path id with broken percent-encoding (%s) with a 400 problem, not Fastify JSON',
    async (id) => {
      const response = await post(
        `/api/field-operations/${id}/closure`,
        '{"closedOn":"2002-12-31","reason":"replaced"}',
      );
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(JSON.parse(response.text)).toMatchObject({ status: 400 });
    },
  );
});
