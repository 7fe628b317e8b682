import type { AllFilter, EventMetadata } from '../event-store.port';
import { metadataValue } from '../lazy-metadata-event';
import { STORED_SCHEMA_VERSION, type StoredShape, type Upcaster, UpcastError } from './upcaster';

/**
 * Every upcaster by event type and schema version. `upcast` brings a stored event to `current`
 * one step at a time; events stored before versions were recorded (no `schemaVersion`) count as 0.
 */
export class Upcasters {
  private readonly byStep = new Map<string, Upcaster>();

  constructor(
    readonly current: number,
    upcasters: readonly Upcaster[],
  ) {
    for (const upcaster of upcasters) {
      const key = stepKey(upcaster.type, upcaster.fromVersion);
      if (this.byStep.has(key)) throw new Error(`Two upcasters for ${key}`);
      if (upcaster.fromVersion >= current) {
        throw new Error(`Upcaster ${key} reads a version that is not older than ${current}`);
      }
      this.byStep.set(key, upcaster);
    }
  }

  /** The event as the current schema describes it (the same object when nothing changes). */
  upcast<E extends StoredShape & { readonly dataJson?: string }>(event: E): E {
    const stored = versionOf(event);
    if (stored >= this.current) return event;
    let { type, data } = event;
    let upcast = false;
    for (let version = stored; version < this.current; version++) {
      const upcaster = this.byStep.get(stepKey(type, version));
      if (!upcaster) continue;
      upcast = true;
      try {
        // The metadata is handed over lazily: an event read through the SQLite stream copy
        // fetches it from the log when first asked, and most upcasters never ask.
        ({ type, data } = upcaster.upcast({
          type,
          data,
          get metadata(): EventMetadata {
            return event.metadata;
          },
        }));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new UpcastError(`Cannot upcast ${event.type} v${stored}: ${reason}`);
      }
    }
    const result = {
      ...event,
      type,
      data,
      // The stored text describes the stored data only: gone once any upcaster has seen the data
      // (one may have changed it in place).
      ...(upcast && event.dataJson !== undefined ? { dataJson: undefined } : {}),
    };
    return withLazyMetadata(result, () => ({
      ...event.metadata,
      schemaVersion: String(this.current),
      [STORED_SCHEMA_VERSION]: String(stored),
    }));
  }

  /**
   * The store-side filter that finds every event that may upcast into one the caller asked for:
   * the requested types plus the old types that can become one of them.
   */
  widen(filter: AllFilter | undefined): AllFilter | undefined {
    if (!filter?.eventTypes) return filter;
    const wanted = new Set(filter.eventTypes);
    const sources = [...this.byStep.values()]
      .filter((u) => (u.produces ?? [u.type]).some((t) => wanted.has(t)))
      .map((u) => u.type);
    if (sources.every((t) => wanted.has(t))) return filter;
    return { ...filter, eventTypes: [...new Set([...filter.eventTypes, ...sources])] };
  }

  /** Whether an upcast event passes the caller's type filter (streams are never renamed). */
  keeps(filter: AllFilter | undefined, event: StoredShape): boolean {
    return !filter?.eventTypes || filter.eventTypes.includes(event.type);
  }
}

const stepKey = (type: string, version: number): string => `${type}@${version}`;

function versionOf(event: StoredShape): number {
  // Read off the stored text where possible: an event at today's version is passed through with
  // its metadata still unparsed (see LazyMetadataEvent).
  const raw = metadataValue(event, 'schemaVersion');
  if (raw === undefined) return 0;
  const version = Number(raw);
  if (!Number.isInteger(version) || version < 0) {
    throw new UpcastError(`${event.type} has an unreadable schemaVersion "${raw}"`);
  }
  return version;
}

/**
 * `event` with a `metadata` property computed on first read (then kept): an own, enumerable
 * property like the others, so spreads and JSON keep it.
 */
function withLazyMetadata<E extends object>(event: E, metadata: () => EventMetadata): E {
  let value: EventMetadata | undefined;
  return Object.defineProperty(event, 'metadata', {
    enumerable: true,
    configurable: true,
    get: () => (value ??= metadata()),
  });
}
