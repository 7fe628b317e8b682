import type { FastifyReply } from 'fastify';
import type { WriteResult } from '../../shared/application/write-result';

/** What a write answers: the id, the stream's new revision and the global position reached. */
export interface WrittenBody {
  readonly id: string;
  readonly revision: number;
  readonly position: number;
}

/**
 * Sets `ETag: "<revision>"` (what a later `If-Match` names) and returns the JSON body.
 * Use with `@Res({ passthrough: true }) reply: FastifyReply`.
 */
export function written(reply: FastifyReply, result: WriteResult): WrittenBody {
  void reply.header('ETag', `"${result.revision}"`);
  return {
    id: result.id,
    revision: toSafeNumber(result.revision, 'revision'),
    position: toSafeNumber(result.position, 'position'),
  };
}

/**
 * As `written`, for a write that created a resource at `location` (a path such as `/api/x/id`).
 * The status comes from the route: Nest answers a POST with 201 unless `@HttpCode` says otherwise
 * (and sets it after the handler, so a helper cannot); a non-creating POST wants `@HttpCode(200)`.
 */
export function created(reply: FastifyReply, location: string, result: WriteResult): WrittenBody {
  void reply.header('Location', location);
  return written(reply, result);
}

/** Revisions and positions are far below 2^53; a larger one is a bug, not a rounding. */
export function toSafeNumber(value: bigint, name: string): number {
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`${name} ${value} does not fit a JSON number exactly`);
  }
  return Number(value);
}
