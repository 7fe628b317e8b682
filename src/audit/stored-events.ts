import type { EventStore } from '../event-store/event-store.port';
import { UpcastingEventStore } from '../event-store/upcasting';

/** The adapter under the upcasting decorator: tamper evidence hashes events exactly as stored. */
export function storedEventsOf(store: EventStore): EventStore {
  return store instanceof UpcastingEventStore ? store.raw : store;
}
