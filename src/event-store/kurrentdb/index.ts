export { KurrentDbEventStore } from './kurrentdb-event-store';
export type { KurrentDbEventStoreOptions } from './kurrentdb-options';
