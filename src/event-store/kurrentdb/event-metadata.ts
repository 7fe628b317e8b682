import type { EventMetadata } from '../event-store.port';

/**
 * Keys KurrentDB's multi-stream append adds to what it writes (the record's schema name and
 * format). They are dropped on read so metadata round-trips unchanged; `validateEvents` refuses
 * every `$schema.` key on append, so nothing of the registry's own is lost that way.
 */
export const SERVER_METADATA_KEYS: readonly string[] = ['$schema.name', '$schema.format'];

/** Metadata as stored (parsed JSON object, raw bytes or nothing) as the port's flat string map. */
export function toEventMetadata(raw: unknown): EventMetadata {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || raw instanceof Uint8Array) {
    return {};
  }
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (SERVER_METADATA_KEYS.includes(key)) continue;
    metadata[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return metadata;
}
