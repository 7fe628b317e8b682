import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { streamOfOperation } from '../../field-operations/domain/events';
import { fold } from '../../field-operations/domain/fold';
import type { FieldOperationState } from '../../field-operations/domain/state';
import { RegistryCommand } from '../../shared/application/registry-command';
import { type AppendBasis, basisOf, envelope } from '../../shared/application/envelope';
import { loadReferences } from '../../shared/application/references';
import { loadStream } from '../../shared/application/stream-state';
import type { WriteResult } from '../../shared/application/write-result';
import { type Decision, decisionIdOf, evolveDecision, streamOfDecision } from '../domain/decision';
import { decideRecordDecision, type RecordDecision, targetOf } from './record-decision.decide';

export class RecordDecisionCommand extends RegistryCommand<RecordDecision> {}

/**
 * Loads the decision's stream and every operation its effects touch, decides them together and
 * appends all streams in one atomic multi-stream append, each at the revision that was read.
 */
@CommandHandler(RecordDecisionCommand)
export class RecordDecisionHandler implements ICommandHandler<RecordDecisionCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ payload, context }: RecordDecisionCommand): Promise<WriteResult> {
    const effects = payload.effects ?? [];
    const targets = [...new Set(effects.map(targetOf))];
    const read = await readStates(this.store, payload.reference, targets);
    const refs = await loadReferences(this.store, {
      states: effects.flatMap((e) =>
        e.action === 'establish' || e.action === 'change-host-states' ? e.hostStates : [],
      ),
      operations: effects.flatMap((e) =>
        e.action === 'establish'
          ? (e.predecessors ?? [])
          : e.action === 'close'
            ? (e.successors ?? [])
            : [],
      ),
    });
    const changes = decideRecordDecision(payload, read.decision, read.operations, refs);
    // One recorded instant for the whole decision: its effects become known together.
    const recordedAt = new Date();
    const result = await this.store.appendMulti(
      changes.map(({ stream, events }) => {
        const { expected, previousHash } = read.bases.get(stream) ?? NEW_STREAM;
        return {
          stream,
          expected,
          events: envelope(stream, expected, events, context, { previousHash, recordedAt }),
        };
      }),
    );
    return {
      id: decisionIdOf(payload.reference),
      revision: result.streams[0].nextExpectedRevision,
      position: result.position,
    };
  }
}

const NEW_STREAM: AppendBasis = { expected: 'no_stream', previousHash: undefined };

/**
 * The decision's and its operations' folded states, and each stream's append basis: the loaded
 * events end here, rather than living on across the append's wait for its commit (`basisOf`).
 */
async function readStates(
  store: EventStore,
  reference: string,
  targets: readonly string[],
): Promise<{
  decision: Decision;
  operations: Map<string, FieldOperationState>;
  bases: Map<string, AppendBasis>;
}> {
  const decisionStream = streamOfDecision(reference);
  const [decision, ...operations] = await Promise.all([
    loadStream(store, decisionStream),
    ...targets.map((id) => loadStream(store, streamOfOperation(id))),
  ]);
  return {
    decision: decision.events.reduce(evolveDecision, undefined),
    operations: new Map(targets.map((id, i) => [id, fold(operations[i].events)])),
    bases: new Map([
      [decisionStream, basisOf(decision)],
      ...targets.map((id, i) => [streamOfOperation(id), basisOf(operations[i])] as const),
    ]),
  };
}
