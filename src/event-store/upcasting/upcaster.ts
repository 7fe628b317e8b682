import type { EventMetadata } from '../event-store.port';

/** The part of a stored event an upcaster reads. */
export interface StoredShape {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

/**
 * Turns one event type at one schema version into the next version's shape. A version step with
 * no upcaster for a type means that type did not change in that step. The type name may change
 * (a generic early type becoming today's family-named one): `produces` lists what it can become,
 * so a read filtered on the new names still finds the old events.
 */
export interface Upcaster {
  readonly type: string;
  /** The schema version it reads; it writes `fromVersion + 1`. */
  readonly fromVersion: number;
  readonly produces?: readonly string[];
  upcast(event: StoredShape): { type: string; data: unknown };
}

/** Metadata key of the version an event was stored at, when a read upgraded it. */
export const STORED_SCHEMA_VERSION = 'storedSchemaVersion';

export class UpcastError extends Error {
  override readonly name = 'UpcastError';
}
