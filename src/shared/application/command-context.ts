/** Who asks, and why, for one command; becomes the events' metadata. */
export interface CommandContext {
  /** The authenticated principal; never taken from a request body. */
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly reason?: string;
  /** From `If-Match`: the stream revision the client last saw. */
  readonly expectedRevision?: bigint;
  /** Set by the import: which record of the data set the events come from (kept in metadata). */
  readonly importKey?: string;
  /** Set for a request with an `Idempotency-Key`: its digest (kept in metadata; see idempotency). */
  readonly idempotencyKey?: string;
}

export const SCHEMA_VERSION = '1';
