import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { streamOfOperation } from '../../field-operations/domain/events';
import { fold } from '../../field-operations/domain/fold';
import { RegistryCommand } from '../../shared/application/registry-command';
import { envelope, lastHashOf } from '../../shared/application/envelope';
import { loadReferences } from '../../shared/application/references';
import { loadStream } from '../../shared/application/stream-state';
import type { WriteResult } from '../../shared/application/write-result';
import { decisionIdOf, evolveDecision, streamOfDecision } from '../domain/decision';
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
    const [decision, ...operations] = await Promise.all([
      loadStream(this.store, streamOfDecision(payload.reference)),
      ...targets.map((id) => loadStream(this.store, streamOfOperation(id))),
    ]);
    const loaded = new Map([
      [streamOfDecision(payload.reference), decision],
      ...targets.map((id, i) => [streamOfOperation(id), operations[i]] as const),
    ]);
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
    const changes = decideRecordDecision(
      payload,
      decision.events.reduce(evolveDecision, undefined),
      new Map(targets.map((id, i) => [id, fold(operations[i].events)])),
      refs,
    );
    // One recorded instant for the whole decision: its effects become known together.
    const recordedAt = new Date();
    const result = await this.store.appendMulti(
      changes.map(({ stream, events }) => {
        const read = loaded.get(stream);
        const expected = read?.revision ?? 'no_stream';
        const previousHash = read && lastHashOf(read);
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
