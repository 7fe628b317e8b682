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

async function existing(
  store: EventStore,
  ids: Iterable<string | null | undefined> | undefined,
  streamOf: (id: string) => string,
): Promise<Set<string>> {
  const unique = [...new Set([...(ids ?? [])].filter((id): id is string => !!id))];
  const found = await Promise.all(
    unique.map(async (id) => ((await streamExists(store, streamOf(id))) ? id : undefined)),
  );
  return new Set(found.filter((id): id is string => id !== undefined));
}

/** Looks up in the event store what a command refers to, so its pure decide can check it. */
export async function loadReferences(
  store: EventStore,
  referenced: Referenced,
): Promise<References> {
  const [states, decisions, operations] = await Promise.all([
    existing(store, referenced.states, streamOfState),
    existing(store, referenced.decisions, streamOfDecision),
    existing(store, referenced.operations, streamOfOperation),
  ]);
  return {
    hasState: (id) => states.has(id),
    hasDecision: (reference) => decisions.has(reference),
    hasOperation: (id) => operations.has(id),
  };
}
