import type { FastifyReply } from 'fastify';
import { jsonBytes } from '../../shared/read/json-bytes';
import type { Page } from '../../shared/read/page.query';

const OPEN = Buffer.from('{"items":[');
const COMMA = Buffer.from(',');

/** Bytes of free buffers kept for page bodies (a page of 100 operations is ~70 KB). */
const MAX_FREE_BYTES = 8 * 1024 * 1024;
/** Body buffers come in multiples of this. */
const BODY_CHUNK = 64 * 1024;

/**
 * Buffers for page bodies, each reused once the answer it carried has been written. A body in a
 * fresh buffer is memory outside V8's heap that is freed only when a collection finds the buffer
 * dead: under 50 connections of lists at 1M events, ~30 MB of written bodies waited for it. At
 * most `maxFreeBytes` are kept free; a body takes the smallest free buffer it fits in.
 */
export class BodyBuffers {
  private readonly free: Buffer[] = [];
  private freeBytes = 0;

  constructor(readonly maxFreeBytes = MAX_FREE_BYTES) {}

  /** A buffer of at least `size` bytes that nothing else writes to until it is given back. */
  take(size: number): Buffer {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const length = this.free[i].length;
      if (length >= size && (best < 0 || length < this.free[best].length)) best = i;
    }
    if (best < 0) return Buffer.allocUnsafeSlow(Math.ceil(size / BODY_CHUNK) * BODY_CHUNK);
    const buffer = this.free[best];
    this.free[best] = this.free[this.free.length - 1];
    this.free.pop();
    this.freeBytes -= buffer.length;
    return buffer;
  }

  /** Gives back a buffer from `take` once nothing reads it any more (kept if there is room). */
  give(buffer: Buffer): void {
    if (this.freeBytes + buffer.length > this.maxFreeBytes) return;
    this.free.push(buffer);
    this.freeBytes += buffer.length;
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
  const serialise = (payload: unknown): unknown => {
    // The serialiser stays on the reply: an answer sent instead of the page (a problem the
    // filter wrote as text) goes out as it is.
    if (!isPage(payload)) return payload;
    const { buffer, body } = jsonPage(payload, bodies);
    reply.raw.once('finish', () => bodies.give(buffer));
    return body;
  };
  void reply
    .type('application/json; charset=utf-8')
    .serializer(serialise as unknown as (payload: unknown) => string);
}

function isPage(payload: unknown): payload is Page<object> {
  return (
    typeof payload === 'object' &&
    payload !== null &&
    Array.isArray((payload as Page<object>).items)
  );
}
