import { StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';

/** Chunks of about this many characters are written at a time, not one per record. */
const CHUNK_CHARS = 64 * 1024;

async function* batched(parts: AsyncIterable<string>): AsyncGenerator<string> {
  let chunk = '';
  for await (const part of parts) {
    chunk += part;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/**
 * A response body streamed from an async iterable of text (records of an export), through a Node
 * Readable that Fastify pipes into the reply with back-pressure: nothing is collected in memory.
 */
export function streamedFile(
  parts: AsyncIterable<string>,
  type: string,
  filename?: string,
): StreamableFile {
  return new StreamableFile(Readable.from(batched(parts)), {
    type,
    disposition: filename ? `attachment; filename="${filename}"` : undefined,
  });
}

/**
 * Reads the first item before the response starts, so that a failure to start (the event store
 * unavailable) still answers with a problem document rather than a cut-off body.
 */
export async function primed<T>(items: AsyncIterable<T>): Promise<AsyncIterable<T>> {
  const iterator = items[Symbol.asyncIterator]();
  const first = await iterator.next();
  return {
    async *[Symbol.asyncIterator]() {
      if (first.done) return;
      try {
        yield first.value;
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
          yield next.value;
        }
      } finally {
        // A client that goes away ends the export early: release what the source holds.
        await iterator.return?.();
      }
    },
  };
}
