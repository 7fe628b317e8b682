import type { FastifyReply } from 'fastify';
import type { Page } from '../../shared/read/page.query';

/** UTF-8 JSON of frozen values, kept for as long as each value lives. */
const texts = new WeakMap<object, Buffer>();

/**
 * The JSON of `value` as UTF-8 bytes; for a frozen value (which cannot change) computed once and
 * kept while the value lives, so that an item cached by a reader is serialised once however many
 * pages it appears on.
 */
export function jsonBytes(value: object): Buffer {
  let text = texts.get(value);
  if (text === undefined) {
    text = Buffer.from(JSON.stringify(value));
    if (Object.isFrozen(value)) texts.set(value, text);
  }
  return text;
}

const OPEN = Buffer.from('{"items":[');
const COMMA = Buffer.from(',');

/** Free buffers kept for page bodies, and the size they come in (a page of 100 is ~70 KB). */
const MAX_FREE = 64;
const BODY_CHUNK = 64 * 1024;
/** Bodies larger than this (pages of many hundred items) are not kept for reuse. */
const MAX_KEPT_BODY = 1024 * 1024;

/**
 * Buffers for page bodies, each reused once the answer it carried has been written. A body in a
 * fresh buffer is memory outside V8's heap that is freed only when a collection finds the buffer
 * dead: under 50 connections of lists at 1M events, ~30 MB of written bodies waited for it.
 */
export class BodyBuffers {
  private readonly free: Buffer[] = [];

  /** A buffer of at least `size` bytes that nothing else writes to until it is given back. */
  take(size: number): Buffer {
    for (let i = this.free.length - 1; i >= 0; i--) {
      const buffer = this.free[i];
      if (buffer.length >= size) {
        this.free[i] = this.free[this.free.length - 1];
        this.free.pop();
        return buffer;
      }
    }
    return Buffer.allocUnsafeSlow(Math.ceil(size / BODY_CHUNK) * BODY_CHUNK);
  }

  /** Gives back a buffer from `take` once nothing reads it any more. */
  give(buffer: Buffer): void {
    if (buffer.length <= MAX_KEPT_BODY && this.free.length < MAX_FREE) this.free.push(buffer);
  }

  /** Buffers kept free (for tests). */
  get size(): number {
    return this.free.length;
  }
}

/**
 * `JSON.stringify(page)`, byte for byte, written into a buffer from `bodies` (returned with the
 * part of it that holds the page): the items' JSON as `jsonBytes` keeps it, copied one after the
 * other. A page of a hundred operations is ~70 KB of text; as one string it was built by
 * `JSON.stringify`, then copied again when Node put the headers in front of it, ~200 KB of
 * young-generation garbage per page whose collections showed in the list's tail latency.
 */
export function jsonPage(
  page: Page<object>,
  bodies: BodyBuffers = new BodyBuffers(),
): { buffer: Buffer; body: Buffer } {
  const { items } = page;
  const parts = new Array<Buffer>(items.length);
  const tail = Buffer.from(`],"next":${JSON.stringify(page.next)}}`);
  let size = OPEN.length + tail.length + Math.max(0, items.length - 1) * COMMA.length;
  for (let i = 0; i < items.length; i++) {
    parts[i] = jsonBytes(items[i]);
    size += parts[i].length;
  }
  const buffer = bodies.take(size);
  let at = OPEN.copy(buffer, 0);
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) at += COMMA.copy(buffer, at);
    at += parts[i].copy(buffer, at);
  }
  tail.copy(buffer, at);
  return { buffer, body: buffer.subarray(0, size) };
}

const bodyBuffers = new BodyBuffers();

/**
 * Has Fastify serialise the page a route returns with `jsonPage`, as JSON (a reply with a
 * serialiser of its own gets no content type from Fastify); the body's buffer is reused once the
 * response has finished (written to the socket), and never if it did not (a connection closed
 * first). Fastify sends a serialiser's Buffer as it is; its type says string only, hence the cast.
 */
export function replyWithJsonPage(reply: FastifyReply, bodies = bodyBuffers): void {
  const serialise = (page: Page<object>): Buffer => {
    const { buffer, body } = jsonPage(page, bodies);
    reply.raw.once('finish', () => bodies.give(buffer));
    return body;
  };
  void reply
    .type('application/json; charset=utf-8')
    .serializer(serialise as unknown as (payload: unknown) => string);
}
