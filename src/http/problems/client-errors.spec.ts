import { Logger } from '@nestjs/common';
import type { Socket } from 'node:net';
import { clientErrorAsProblem, clientErrorProblem, rawProblemResponse } from './client-errors';

const parseError = (code: string, reason = 'Some reason') =>
  Object.assign(new Error(`Parse Error: ${reason}`), { code, reason });

describe('clientErrorProblem', () => {
  it.each([
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'request-timeout', /within 30 s/],
    ['HPE_HEADER_OVERFLOW', 431, 'request-header-fields-too-large', /exceed 16384 bytes/],
    ['HPE_INVALID_CONTENT_LENGTH', 400, 'malformed-request', /Content-Length must be/],
    [
      'HPE_UNEXPECTED_CONTENT_LENGTH',
      400,
      'malformed-request',
      /sent once.*\(the parser said: Some reason\)/,
    ],
    ['HPE_INVALID_CHUNK_SIZE', 400, 'malformed-request', /chunked body is malformed/],
    ['HPE_INVALID_HEADER_TOKEN', 400, 'malformed-request', /A header is malformed/],
    ['HPE_INVALID_URL', 400, 'malformed-request', /request target is malformed/],
  ])('answers %s with %i %s', (code, status, problem, detail) => {
    expect(clientErrorProblem(parseError(code), { requestTimeoutMs: 30_000 })).toEqual({
      status,
      code: problem,
      detail: expect.stringMatching(detail),
    });
  });

  it("quotes the parser's reason for a refusal it has no words for, printable only", () => {
    const problem = clientErrorProblem(parseError('HPE_STRANGE', 'Odd\r\n\u0000thing'), {
      requestTimeoutMs: 1,
    });
    expect(problem).toMatchObject({ status: 400, code: 'malformed-request' });
    expect(problem.detail).toContain('The parser said: Oddthing');
  });
});

describe('rawProblemResponse', () => {
  it('is a complete HTTP/1.1 answer with a problem document that closes the connection', () => {
    const raw = rawProblemResponse(
      { status: 431, code: 'request-header-fields-too-large', detail: 'Too long: «é»' },
      { 'x-content-type-options': 'nosniff' },
    );
    const [head, body] = raw.split('\r\n\r\n');
    const lines = head.split('\r\n');
    expect(lines[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(lines).toEqual(
      expect.arrayContaining([
        'Content-Type: application/problem+json; charset=utf-8',
        `Content-Length: ${Buffer.byteLength(body)}`,
        'Connection: close',
        'x-content-type-options: nosniff',
      ]),
    );
    expect(JSON.parse(body)).toEqual({
      type: 'https://registry.example/problems/request-header-fields-too-large',
      title: 'Request header fields too large',
      status: 431,
      detail: 'Too long: «é»',
    });
  });
});

describe('clientErrorAsProblem', () => {
  const handler = clientErrorAsProblem({ requestTimeoutMs: 30_000 });
  beforeAll(() => jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  function fakeSocket(state: { destroyed?: boolean; writable?: boolean; headersSent?: boolean }) {
    const socket = {
      destroyed: state.destroyed ?? false,
      writable: state.writable ?? true,
      _httpMessage:
        state.headersSent === undefined ? undefined : { headersSent: state.headersSent },
      end: jest.fn((_data: string, done: () => void) => done()),
      destroy: jest.fn(),
    };
    return socket;
  }

  it('writes the problem, then closes the socket', () => {
    const socket = fakeSocket({ headersSent: false });
    handler(parseError('HPE_INVALID_URL'), socket as unknown as Socket);
    expect(socket.end).toHaveBeenCalledWith(
      expect.stringMatching(/^HTTP\/1\.1 400 Bad Request\r\n[^]*problems\/malformed-request"/),
      expect.any(Function),
    );
    expect(socket.destroy).toHaveBeenCalled();
  });

  it.each([
    ['a reset connection', { code: 'ECONNRESET' }, {}, false],
    ['a destroyed socket', {}, { destroyed: true }, false],
    ['an unwritable socket', {}, { writable: false }, true],
    ['a response already under way', {}, { headersSent: true }, true],
  ])('writes nothing on %s', (_label, error, state, destroyed) => {
    const socket = fakeSocket(state);
    handler(Object.assign(new Error('x'), error), socket as unknown as Socket);
    expect(socket.end).not.toHaveBeenCalled();
    expect(socket.destroy).toHaveBeenCalledTimes(destroyed ? 1 : 0);
  });

  it('never throws: a failure to write only closes the socket', () => {
    const socket = fakeSocket({});
    socket.end.mockImplementation(() => {
      throw new Error('write after end');
    });
    expect(() => handler(parseError('HPE_INVALID_URL'), socket as unknown as Socket)).not.toThrow();
    expect(socket.destroy).toHaveBeenCalled();
  });
});
