import type { FastifyReply } from 'fastify';
import { created, toSafeNumber, written } from './write-response';

function fakeReply(): {
  reply: FastifyReply;
  headers: Record<string, string>;
  status: () => number;
} {
  const headers: Record<string, string> = {};
  let code = 200;
  const reply = {
    header(name: string, value: string) {
      headers[name] = value;
      return reply;
    },
    status(status: number) {
      code = status;
      return reply;
    },
  };
  return { reply: reply as unknown as FastifyReply, headers, status: () => code };
}

describe('written', () => {
  it('sets a strong ETag of the revision and answers numbers', () => {
    const { reply, headers } = fakeReply();
    const body = written(reply, { id: 'office-in-minsk', revision: 3n, position: 1234n });
    expect(headers).toEqual({ ETag: '"3"' });
    expect(body).toEqual({ id: 'office-in-minsk', revision: 3, position: 1234 });
    expect(JSON.stringify(body)).toBe('{"id":"office-in-minsk","revision":3,"position":1234}');
  });
});

describe('created', () => {
  it('sets Location and ETag', () => {
    const { reply, headers } = fakeReply();
    const body = created(reply, '/api/field-operations/office-in-minsk', {
      id: 'office-in-minsk',
      revision: 0n,
      position: 7n,
    });
    expect(headers).toEqual({ Location: '/api/field-operations/office-in-minsk', ETag: '"0"' });
    expect(body.position).toBe(7);
  });
});

describe('toSafeNumber', () => {
  it('refuses what a JSON number cannot hold exactly', () => {
    expect(toSafeNumber(9007199254740991n, 'position')).toBe(9007199254740991);
    expect(() => toSafeNumber(9007199254740992n, 'position')).toThrow(RangeError);
    expect(() => toSafeNumber(-1n, 'revision')).toThrow(RangeError);
  });
});
