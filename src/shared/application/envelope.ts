import { v5 as uuidv5 } from 'uuid';
import type { EventToAppend, ExpectedState } from '../../event-store/event-store.port';
import { type CommandContext, SCHEMA_VERSION } from './command-context';

/** Namespace of the registry's deterministic event ids (a fixed, random UUID). */
const EVENT_ID_NAMESPACE = '6b1f7c1e-1f1e-4d8c-9c55-2d6f0f6c8a41';

/**
 * Wraps domain events in the stored envelope. Ids are derived from stream, position in it and
 * content, so a retried command at the same expected revision writes the same ids and the store
 * recognises it as a retry instead of recording the decision twice.
 */
export function envelope(
  stream: string,
  expected: ExpectedState,
  events: ReadonlyArray<{ type: string; data: unknown }>,
  context: CommandContext,
  recordedAt: Date = new Date(),
): EventToAppend[] {
  const base = typeof expected === 'bigint' ? expected + 1n : 0n;
  const slot = (i: number): string =>
    expected === 'any' || expected === 'stream_exists'
      ? `${expected}:${context.correlationId}:${i}`
      : String(base + BigInt(i));
  return events.map((event, i) => ({
    id: uuidv5(
      `${stream}\n${slot(i)}\n${event.type}\n${JSON.stringify(event.data)}`,
      EVENT_ID_NAMESPACE,
    ),
    type: event.type,
    data: event.data,
    metadata: {
      actor: context.actor,
      ...(context.reason ? { reason: context.reason } : {}),
      correlationId: context.correlationId,
      causationId: context.causationId,
      recordedAt: recordedAt.toISOString(),
      schemaVersion: SCHEMA_VERSION,
    },
  }));
}
