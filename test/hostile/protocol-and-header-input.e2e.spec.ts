import { RegistryUnderTest } from '../support/registry-app';
import { closeRawAgent, rawRequest } from './support/raw-http';
import { sendRaw } from './support/raw-socket';

const PROBLEM_JSON = /^application\/problem\+json(;|$)/;
const PROBLEMS = 'https://registry.example/problems/';

/** UTF-8 text as Node's HTTP client puts it on the wire: each character a latin1 byte. */
const utf8Bytes = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

/**
 * What the fuzzing report (findings 5, 8 and 13) found at the HTTP layer, against the whole
 * registry: requests Node refuses before Fastify sees them, free text in headers, bodies with
 * `__proto__`, and page sizes in other notations. Each answers a precise 4xx problem and
 * records nothing.
 */
describe('Protocol errors, header text and odd query numbers', () => {
  let registry: RegistryUnderTest;
  let head: string;
  const headPosition = async () =>
    String((await registry.get('/health')).body.eventStore.headPosition);
  const recorder = () => `Bearer ${registry.keys.recorder}`;

  beforeAll(async () => {
    registry = await RegistryUnderTest.startWithPressRelease('sqlite');
  }, 30_000);
  beforeEach(async () => {
    head = await headPosition();
  });
  afterAll(async () => {
    closeRawAgent();
    await registry?.stop();
  });

  describe('requests Node refuses before any route (finding 8)', () => {
    const post = (headers: string, body = '{}') =>
      `POST /api/participating-states HTTP/1.1\r\nHost: x\r\nAuthorization: ${recorder()}\r\nContent-Type: application/json\r\n${headers}\r\n${body}`;

    it.each([
      [
        'a Content-Length that is not a number',
        () => post('Content-Length: abc\r\n'),
        /Content-Length must be one non-negative whole number/,
      ],
      [
        'Content-Length with Transfer-Encoding: chunked',
        () => post('Content-Length: 4\r\nTransfer-Encoding: chunked\r\n', '0\r\n\r\n'),
        /not be sent together with Content-Length \(the parser said: Transfer-Encoding can't be present with Content-Length\)/,
      ],
      [
        'a chunk size that is not hexadecimal',
        () => post('Transfer-Encoding: chunked\r\n', 'zz\r\n{}\r\n0\r\n\r\n'),
        /chunked body is malformed/,
      ],
      [
        'a header line without a colon',
        () => 'GET /health HTTP/1.1\r\nHost: x\r\nBadHeader\r\n\r\n',
        /A header is malformed/,
      ],
      [
        'a control character in a header value',
        () => 'GET /health HTTP/1.1\r\nHost: x\r\nX-Reason: a\u0001b\r\n\r\n',
        /A header is malformed/,
      ],
      [
        'a raw space in the path',
        () => 'GET /api/field operations HTTP/1.1\r\nHost: x\r\n\r\n',
        /spaces in the target must be percent-encoded \(%20\)/,
      ],
      [
        'a raw non-ASCII byte in the path',
        () => Buffer.from('GET /api/field-operations/\u00e9 HTTP/1.1\r\nHost: x\r\n\r\n', 'latin1'),
        /request target is malformed/,
      ],
    ])('answers %s with a 400 malformed-request problem', async (_label, request, detail) => {
      const answer = await sendRaw(registry.baseUrl, request());
      expect(answer.status).toBe(400);
      expect(answer.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.closed).toBe(true);
      expect(JSON.parse(answer.body)).toEqual({
        type: `${PROBLEMS}malformed-request`,
        title: 'Malformed request',
        status: 400,
        detail: expect.stringMatching(detail),
      });
      expect(await headPosition()).toBe(head);
    });

    it('answers a URL over 16 KiB with a 431 problem saying to shorten it', async () => {
      const answer = await sendRaw(
        registry.baseUrl,
        `GET /api/field-operations?after=${'a'.repeat(17_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      );
      expect(answer.status).toBe(431);
      expect(answer.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(JSON.parse(answer.body)).toMatchObject({
        type: `${PROBLEMS}request-header-fields-too-large`,
        status: 431,
        detail: expect.stringMatching(/exceed 16384 bytes.*Shorten the query string/),
      });
    });

    it('still serves the next connection', async () => {
      expect((await registry.get('/health')).status).toBe(200);
    });
  });

  describe('X-Reason sent as UTF-8 (finding 5)', () => {
    const admit = (id: string, reason: string) =>
      rawRequest(
        registry.baseUrl,
        'POST',
        '/api/participating-states',
        // A Buffer: Node's client writes a string body in one go with the head, all as UTF-8,
        // which would encode the latin1 header bytes a second time.
        Buffer.from(JSON.stringify({ id, name: 'Réunion', admittedOn: '1992' })),
        {
          authorization: recorder(),
          'content-type': 'application/json',
          'x-correlation-id': `reason-${id}`,
          'x-reason': reason,
        },
      );

    it.each([
      ['reunion', 'Réunion des ministres à Vienne'],
      ['minsk', 'Решение ПС № 526 — 😀'],
      ['ascii', 'Press release of 30 December 2002 (PC.DEC/526)'],
    ])('records the reason as the text sent (%s)', async (id, reason) => {
      const written = await admit(id, utf8Bytes(reason));
      expect(written.status).toBe(201);
      const { position } = JSON.parse(written.text) as { position: number };
      const feed = await registry.get(
        `/api/events?correlationId=reason-${id}&minPosition=${position}`,
      );
      expect(feed.status).toBe(200);
      expect(
        feed.body.items.map((event: { metadata: { reason: string } }) => event.metadata.reason),
      ).toEqual([reason]);
    });

    it('records latin1 bytes, as browsers send them, as the text they spell', async () => {
      const written = await admit('latin1', 'R\u00e9union \u00e0 Vienne');
      expect(written.status).toBe(201);
      const { position } = JSON.parse(written.text) as { position: number };
      const feed = await registry.get(
        `/api/events?correlationId=reason-latin1&minPosition=${position}`,
      );
      expect(
        feed.body.items.map((event: { metadata: { reason: string } }) => event.metadata.reason),
      ).toEqual(['Réunion à Vienne']);
    });

    it.each([
      ['a C1 control sent as UTF-8', utf8Bytes('a\u009bb')],
      ['a C1 control sent as latin1', 'a\u0085b'],
    ])('refuses %s with a 400 naming X-Reason, and records nothing', async (_label, reason) => {
      const refused = await admit('refused', reason);
      expect(refused.status).toBe(400);
      expect(refused.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(JSON.parse(refused.text)).toMatchObject({
        type: `${PROBLEMS}invalid-header`,
        errors: [{ header: 'X-Reason', detail: expect.stringMatching(/control character/) }],
      });
      expect(await headPosition()).toBe(head);
    });
  });

  describe('bodies naming object machinery (finding 13)', () => {
    it.each([
      ['{"__proto__": {"isAdmin": true}}', '/__proto__'],
      ['{"id":"p","name":"P","admittedOn":"1992","__proto__":{"isAdmin":true}}', '/__proto__'],
      ['{"constructor": {"prototype": {"isAdmin": true}}}', '/constructor'],
    ])(
      'answers %s with 422 pointing at the key, not 400 "not valid JSON"',
      async (body, pointer) => {
        const response = await rawRequest(
          registry.baseUrl,
          'POST',
          '/api/participating-states',
          body,
          {
            authorization: recorder(),
            'content-type': 'application/json',
          },
        );
        expect(response.status).toBe(422);
        expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
        expect(JSON.parse(response.text)).toMatchObject({
          type: `${PROBLEMS}validation-failed`,
          detail: `${pointer} is not a field of this request`,
          errors: [{ pointer }],
        });
        expect(await headPosition()).toBe(head);
      },
    );
  });

  describe('page sizes (finding 13)', () => {
    it.each(['0x10', '0b11', '1e3', '1e2', '+5', '%207', '1.0', '0', '1001'])(
      'refuses /api/field-operations and /api/decisions with limit=%s',
      async (limit) => {
        for (const list of ['/api/field-operations', '/api/decisions']) {
          const response = await registry.get(`${list}?limit=${limit}`);
          expect([list, response.status]).toEqual([list, 400]);
          expect(response.body.errors).toEqual([
            {
              parameter: 'limit',
              detail: 'limit must be a whole number written in decimal digits, from 1 to 1000',
            },
          ]);
        }
      },
    );

    it.each(['0x10', '1e3', '+5', '1.0', '0'])(
      'refuses the event feed with limit=%s (any size above 0 for exports)',
      async (limit) => {
        const response = await registry.get(`/api/events?limit=${limit}`);
        expect(response.status).toBe(400);
        expect(response.body.errors).toEqual([
          {
            parameter: 'limit',
            detail: 'limit must be a whole number written in decimal digits, 1 or more',
          },
        ]);
      },
    );

    it('reads limit=1 and limit=1000 in decimal digits', async () => {
      const one = await registry.get('/api/field-operations?limit=1');
      expect(one.status).toBe(200);
      expect(one.body.items).toHaveLength(1);
      expect((await registry.get('/api/decisions?limit=1000')).status).toBe(200);
    });
  });
});
