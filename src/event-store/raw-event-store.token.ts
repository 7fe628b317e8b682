/**
 * The adapter itself, events exactly as stored (no upcasting): for what must see the stored bytes,
 * such as tamper-evidence hashing. Everything else injects `EVENT_STORE`.
 */
export const RAW_EVENT_STORE = Symbol('RawEventStore');
