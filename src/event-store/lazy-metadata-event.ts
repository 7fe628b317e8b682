import type { EventMetadata, RecordedEvent } from './event-store.port';

/**
 * A recorded event whose metadata stays the stored JSON text until something reads it.
 *
 * Loading a stream to fold it (what every command does) reads each event's type and data but the
 * metadata of only the last one (its hash, for the chain). The metadata is the larger half of a
 * stored event (~450 of ~700 bytes: ids, hashes, the reason), and parsing it was ~15% of loading
 * a stream; so the adapter hands out events that parse it on first use, once.
 *
 * Everything else is an own property, as on a plain object; `metadata` is a getter, so a spread
 * (`{ ...event }`) does not copy it (name it, as the upcaster does) and `toJSON` writes it out.
 */
export class LazyMetadataEvent implements RecordedEvent {
  #json: string | (() => string);
  #metadata: EventMetadata | undefined;
  #schemaVersion: string | null | undefined;

  constructor(
    readonly id: string,
    readonly stream: string,
    readonly revision: bigint,
    readonly position: bigint,
    readonly type: string,
    readonly data: unknown,
    /** The stored text, or how to read it when first needed (the SQLite stream copy's events). */
    metadataJson: string | (() => string),
    readonly recordedAt: Date,
    /**
     * The metadata's `schemaVersion` when the reader already knows it (null: absent), so that the
     * upcaster's look at it does not need the text.
     */
    schemaVersion?: string | null,
  ) {
    this.#json = metadataJson;
    this.#schemaVersion = schemaVersion;
  }

  get metadata(): EventMetadata {
    return (this.#metadata ??= JSON.parse(this.text()) as EventMetadata);
  }

  /** One metadata value without parsing the rest when it can be read off the text safely. */
  metadataValue(key: string): string | undefined {
    if (this.#metadata !== undefined) return valueOf(this.#metadata, key);
    if (key === 'schemaVersion' && this.#schemaVersion !== undefined) {
      return this.#schemaVersion ?? undefined;
    }
    const text = this.text();
    const peeked = peekFlatValue(text, key);
    return peeked === UNSURE ? valueOf(this.metadata, key) : peeked;
  }

  toJSON(): RecordedEvent {
    const { id, stream, revision, position, type, data, metadata, recordedAt } = this;
    return { id, stream, revision, position, type, data, metadata, recordedAt };
  }

  private text(): string {
    if (typeof this.#json !== 'string') this.#json = this.#json();
    return this.#json;
  }
}

/** Reads `key` of an event's metadata, without parsing it where the event allows (LazyMetadataEvent). */
export function metadataValue(
  event: { readonly metadata: EventMetadata },
  key: string,
): string | undefined {
  return event instanceof LazyMetadataEvent
    ? event.metadataValue(key)
    : valueOf(event.metadata, key);
}

const valueOf = (metadata: EventMetadata, key: string): string | undefined =>
  Object.prototype.hasOwnProperty.call(metadata, key) ? metadata[key] : undefined;

const UNSURE = Symbol('unsure');

/**
 * `key`'s string value in `json` read off the text, or UNSURE when only a parse can tell.
 *
 * Only for the shape the stores write, a flat object of strings (`EventMetadata`): the text must
 * open with `{` and hold no other `{` or `[`, so nothing is nested. In such text an unescaped `"`
 * never occurs inside a string (JSON escapes it as `\"`), so `{"key":"` or `,"key":"` can only be
 * the key itself; its value runs to the next `"` and is taken as it stands only if it holds no
 * backslash (escapes need the parser). A key that does not occur in the text at all is absent,
 * unless the text has a `\u` escape, which could spell it. Anything else is UNSURE.
 */
export function peekFlatValue(json: string, key: string): string | undefined | typeof UNSURE {
  if (json.charCodeAt(0) !== 0x7b || json.indexOf('{', 1) !== -1 || json.indexOf('[') !== -1) {
    return UNSURE;
  }
  const quoted = `"${key}":`;
  const at = json.indexOf(quoted);
  if (at === -1) {
    return json.indexOf(key) === -1 && json.indexOf('\\u') === -1 ? undefined : UNSURE;
  }
  const before = json.charCodeAt(at - 1);
  const start = at + quoted.length;
  if ((before !== 0x7b && before !== 0x2c) || json.charCodeAt(start) !== 0x22) return UNSURE;
  const end = json.indexOf('"', start + 1);
  if (end === -1) return UNSURE;
  const value = json.slice(start + 1, end);
  if (value.indexOf('\\') !== -1 || json.indexOf(quoted, end) !== -1) return UNSURE;
  return value;
}
