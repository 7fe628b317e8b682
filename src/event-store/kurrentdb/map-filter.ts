import { eventTypeFilter, streamNameFilter, type Filter } from '@kurrent/kurrentdb-client';
import type { AllFilter, RecordedEvent } from '../event-store.port';
import { isSystemEvent } from './map-recorded-event';

const nonEmpty = (list: readonly string[] | undefined): list is readonly string[] =>
  list !== undefined && list.length > 0;

/**
 * The part of the port's filter the server can apply. KurrentDB filters on one field only, by
 * prefix or regex, so stream prefixes win when both are given and event types go as prefixes;
 * `matchesFilter` then applies the exact filter on this side. An empty list means no restriction.
 */
export function toServerFilter(filter: AllFilter | undefined): Filter | undefined {
  if (nonEmpty(filter?.streamPrefixes)) {
    return streamNameFilter({ prefixes: [...filter.streamPrefixes] });
  }
  if (nonEmpty(filter?.eventTypes)) {
    return eventTypeFilter({ prefixes: [...filter.eventTypes] });
  }
  return undefined;
}

/** Whether an event passes the port's filter; system events never do. */
export function matchesFilter(filter: AllFilter | undefined, event: RecordedEvent): boolean {
  if (isSystemEvent(event)) return false;
  if (nonEmpty(filter?.eventTypes) && !filter.eventTypes.includes(event.type)) return false;
  if (
    nonEmpty(filter?.streamPrefixes) &&
    !filter.streamPrefixes.some((p) => event.stream.startsWith(p))
  ) {
    return false;
  }
  return true;
}
