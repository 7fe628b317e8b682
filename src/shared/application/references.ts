import type { EventStore } from '../../event-store/event-store.port';
import { streamOfDecision } from '../../decisions/domain/decision';
import { streamOfOperation } from '../../field-operations/domain/events';
import type { References } from '../../field-operations/domain/references';
import { streamOfState } from '../../participating-states/domain/participating-state';
import { streamExists } from './stream-state';

export interface Referenced {
  states?: Iterable<string>;
  decisions?: Iterable<string | null | undefined>;
  operations?: Iterable<string>;
}

/** The ids among `ids` that `found` confirms, each looked up once, all at once. */
async function confirmed(
  ids: Iterable<string | null | undefined> | undefined,
  found: (id: string) => Promise<boolean>,
): Promise<Set<string>> {
  const unique = [...new Set([...(ids ?? [])].filter((id): id is string => !!id))];
  const answers = await Promise.all(unique.map(found));
  return new Set(unique.filter((_, i) => answers[i]));
}

/** Ids whose stream exists. */
const existing = (
  store: EventStore,
  ids: Iterable<string> | undefined,
  streamOf: (id: string) => string,
): Promise<Set<string>> => confirmed(ids, (id) => streamExists(store, streamOf(id)));

/**
 * The cited references of registered decisions, each exactly as it was registered. A decision's
 * stream is named by the slug of its reference, which several spellings share (`pc.dec/526`,
 * `PC DEC 526`, `PC.DEC/526 `): finding the stream is not enough, or the log would cite one
 * decision under as many spellings as were typed, and a search by reference would miss them.
 */
const registered = (
  store: EventStore,
  references: Iterable<string | null | undefined> | undefined,
): Promise<Set<string>> =>
  confirmed(references, async (reference) => {
    for await (const event of store.readStream(streamOfDecision(reference), { maxCount: 1 })) {
      return (event.data as { reference?: unknown }).reference === reference;
    }
    return false;
  });

/** Looks up in the event store what a command refers to, so its pure decide can check it. */
export async function loadReferences(
  store: EventStore,
  referenced: Referenced,
): Promise<References> {
  const [states, decisions, operations] = await Promise.all([
    existing(store, referenced.states, streamOfState),
    registered(store, referenced.decisions),
    existing(store, referenced.operations, streamOfOperation),
  ]);
  return {
    hasState: (id) => states.has(id),
    hasDecision: (reference) => decisions.has(reference),
    hasOperation: (id) => operations.has(id),
  };
}
