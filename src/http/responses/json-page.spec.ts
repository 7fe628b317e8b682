import type { FastifyReply } from 'fastify';
import { EventEmitter } from 'node:events';
import { BodyBuffers, jsonPage, replyWithJsonPage } from './json-page';

/** What `replyWithJsonPage` uses of a Fastify reply: its type, serialiser and raw response. */
function fakeReply() {
  const raw = new EventEmitter();
  const reply = {
    raw,
    contentType: '',
    serialise: undefined as undefined | ((payload: unknown) => Buffer | string),
    type(value: string) {
      reply.contentType = value;
      return reply;
    },
    serializer(fn: (payload: unknown) => Buffer | string) {
      reply.serialise = fn;
      return reply;
    },
  };
  return reply;
}

const pages = [
  { items: [], next: null },
  { items: [{ id: 'a', name: 'Mission to Skopje' }], next: null },
  {
    items: [
      { id: 'a', name: 'Présence', hostStates: ['MK'], mandate: null },
      { id: 'b', name: 'Миссия "в" \\ Москве', revision: 2 },
    ],
    next: 'b',
  },
];

describe('pages written from their items JSON', () => {
  it.each(pages)('are JSON.stringify of the page, byte for byte (%j)', (page) => {
    expect(jsonPage(page).body.equals(Buffer.from(JSON.stringify(page)))).toBe(true);
  });

  it('reuse a body buffer once given back, and never one still in use', () => {
    const bodies = new BodyBuffers();
    const first = jsonPage(pages[2], bodies);
    const second = jsonPage(pages[1], bodies);
    expect(second.buffer).not.toBe(first.buffer);
    expect(first.body.toString()).toBe(JSON.stringify(pages[2]));
    bodies.give(first.buffer);
    expect(bodies.size).toBe(1);
    const third = jsonPage(pages[1], bodies);
    expect(third.buffer).toBe(first.buffer);
    expect(third.body.toString()).toBe(JSON.stringify(pages[1]));
    expect(second.body.toString()).toBe(JSON.stringify(pages[1]));
    expect(bodies.size).toBe(0);
  });

  it('take a larger buffer for a page that does not fit the free ones, and keep both', () => {
    const bodies = new BodyBuffers();
    const small = jsonPage(pages[1], bodies);
    bodies.give(small.buffer);
    const many = { items: Array.from({ length: 6000 }, (_, i) => ({ id: `op-${i}` })), next: 'x' };
    const large = jsonPage(many, bodies);
    expect(large.buffer).not.toBe(small.buffer);
    expect(large.body.toString()).toBe(JSON.stringify(many));
    bodies.give(large.buffer);
    expect(bodies.size).toBe(2);
    expect(jsonPage(many, bodies).buffer).toBe(large.buffer);
  });

  it('are sent as JSON, their buffer given back when the answer has finished, not when it closed', () => {
    const bodies = new BodyBuffers();
    const closed = fakeReply();
    replyWithJsonPage(closed as unknown as FastifyReply, bodies);
    expect(closed.contentType).toBe('application/json; charset=utf-8');
    expect(closed.serialise!(pages[2]).toString()).toBe(JSON.stringify(pages[2]));
    closed.raw.emit('close');
    expect(bodies.size).toBe(0);
    const finished = fakeReply();
    replyWithJsonPage(finished as unknown as FastifyReply, bodies);
    finished.serialise!(pages[1]);
    expect(bodies.size).toBe(0);
    finished.raw.emit('finish');
    expect(bodies.size).toBe(1);
  });

  it('pass an answer that is not a page through as it is (a problem written as text)', () => {
    const bodies = new BodyBuffers();
    const reply = fakeReply();
    replyWithJsonPage(reply as unknown as FastifyReply, bodies);
    const problem = '{"type":"about:blank","status":500}';
    expect(reply.serialise!(problem)).toBe(problem);
    reply.raw.emit('finish');
    expect(bodies.size).toBe(0);
  });

  it('keep at most their byte budget free, and hand out the smallest free buffer that fits', () => {
    const bodies = new BodyBuffers(3 * 64 * 1024);
    const large = bodies.take(100 * 1024);
    const small = bodies.take(10);
    const other = bodies.take(10);
    expect([large.length, small.length]).toEqual([128 * 1024, 64 * 1024]);
    bodies.give(large);
    bodies.give(small);
    bodies.give(other);
    expect(bodies.size).toBe(2);
    expect(bodies.take(10)).toBe(small);
    expect(bodies.take(70 * 1024)).toBe(large);
    expect(bodies.size).toBe(0);
  });
});
