import type { EventStore, StreamAppend } from '../../src/event-store/event-store.port';
import { streamOfOperation } from '../../src/field-operations/domain/events';
import { streamOfState } from '../../src/participating-states/domain/participating-state';
import { envelope } from '../../src/shared/application/envelope';

const EVENTS_PER_OPERATION = 10;
const STREAMS_PER_APPEND = 50;

/**
 * A log of about `count` events, written straight through the store: field operations each
 * established, mandated, with a run of heads, every other one closed in favour of the next, and
 * one participating State per ten operations.
 */
export async function generateLog(store: EventStore, count: number): Promise<bigint> {
  const operations = Math.ceil(count / (EVENTS_PER_OPERATION + 0.1));
  const context = { actor: 'generator', correlationId: 'generated', causationId: 'generated' };
  const recordedAt = new Date('2025-01-01T00:00:00.000Z');
  let head = 0n;
  for (let first = 0; first < operations; first += STREAMS_PER_APPEND) {
    const requests: StreamAppend[] = [];
    for (let i = first; i < Math.min(first + STREAMS_PER_APPEND, operations); i++) {
      if (i % 10 === 0) {
        const stream = streamOfState(`state-${i / 10}`);
        const data = { stateId: `state-${i / 10}`, name: `State ${i / 10}`, admittedOn: '1992' };
        const events = [{ type: 'ParticipatingStateAdmitted', data }];
        requests.push({
          stream,
          expected: 'no_stream',
          events: envelope(stream, 'no_stream', events, context, recordedAt),
        });
      }
      const stream = streamOfOperation(`operation-${i}`);
      const events = operationEvents(i);
      requests.push({
        stream,
        expected: 'no_stream',
        events: envelope(stream, 'no_stream', events, context, recordedAt),
      });
    }
    head = (await store.appendMulti(requests)).position;
  }
  return head;
}

function operationEvents(i: number): Array<{ type: string; data: unknown }> {
  const operationId = `operation-${i}`;
  const year = 1992 + (i % 30);
  const events: Array<{ type: string; data: unknown }> = [
    {
      type: 'MissionEstablished',
      data: {
        operationId,
        name: `OSCE Mission ${i}`,
        kind: 'mission',
        hostStates: [`state-${Math.floor(i / 10)}`],
        seat: `Seat ${i}`,
        establishedOn: `${year}-03-01`,
        decision: null,
        sourceUrl: null,
        predecessors: i % 2 === 1 ? [`operation-${i - 1}`] : [],
      },
    },
    {
      type: 'MandateAgreed',
      data: {
        operationId,
        decision: `PC.DEC/${i}`,
        effectiveFrom: `${year}-03-01`,
        summary: `Mandate of operation ${i}`,
        until: `${year + 1}-12-31`,
      },
    },
  ];
  const heads = EVENTS_PER_OPERATION - (i % 2 === 0 ? 3 : 2);
  for (let h = 0; h < heads; h++) {
    events.push({
      type: 'HeadAppointed',
      data: {
        operationId,
        name: `Head ${i}.${h}`,
        from: `${year}-${String(h + 4).padStart(2, '0')}`,
      },
    });
  }
  if (i % 2 === 0) {
    events.push({
      type: 'MissionClosed',
      data: {
        operationId,
        closedOn: `${year + 1}-12-31`,
        reason: 'replaced',
        decision: null,
        successors: [`operation-${i + 1}`],
      },
    });
  }
  return events;
}
