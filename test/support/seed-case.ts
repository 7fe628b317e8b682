import { randomUUID } from 'node:crypto';
import {
  decideRecordDecision,
  type StreamChange,
} from '../../src/decisions/record/record-decision.decide';
import type { EventStore } from '../../src/event-store/event-store.port';
import { streamOfOperation } from '../../src/field-operations/domain/events';
import { fold } from '../../src/field-operations/domain/fold';
import type { References } from '../../src/field-operations/domain/references';
import { decideEstablish } from '../../src/field-operations/establish/establish.decide';
import { decideAdmit } from '../../src/participating-states/admit/admit.decide';
import { streamOfState } from '../../src/participating-states/domain/participating-state';
import { envelope } from '../../src/shared/application/envelope';

export const AMG = 'advisory-and-monitoring-group-in-belarus';
export const OFFICE = 'office-in-minsk';
export const OFFICE_MANDATE =
  'to assist the Belarusian Government in further promoting institution-building, in further consolidating the Rule of Law and in developing relations with civil society, in accordance with OSCE principles and commitments';

/** References the decide functions check: in these tests, everything cited exists. */
const everythingExists: References = {
  hasState: () => true,
  hasDecision: () => true,
  hasOperation: () => true,
};

/** Appends the changes atomically, as the command side does, recorded by `actor` at `recordedAt`. */
export async function record(
  store: EventStore,
  changes: readonly StreamChange[],
  recordedAt: Date,
  actor = 'secretariat',
): Promise<bigint> {
  const correlationId = randomUUID();
  const context = { actor, correlationId, causationId: correlationId };
  const result = await store.appendMulti(
    changes.map(({ stream, events }) => ({
      stream,
      expected: 'any' as const,
      events: envelope(stream, 'any', events, context, recordedAt),
    })),
  );
  return result.position;
}

export interface SeedOptions {
  /** Whether the AMG's closure names the Office as its successor (the Office always names the AMG). */
  closureNamesSuccessor?: boolean;
}

/**
 * The press release of 30 December 2002: Belarus admitted, the AMG established on 1998-02-27, then
 * PC.DEC/526 establishing the Office in Minsk from 2003-01-01 and closing the AMG on 2002-12-31.
 * Returns the position of the last event.
 */
export async function recordSeedCase(
  store: EventStore,
  options: SeedOptions = {},
): Promise<bigint> {
  await record(
    store,
    [
      {
        stream: streamOfState('belarus'),
        events: decideAdmit(
          { id: 'belarus', name: 'Belarus', admittedOn: '1992-01-30' },
          undefined,
        ),
      },
    ],
    new Date('2024-01-01T10:00:00.000Z'),
  );
  const amgEvents = decideEstablish(
    {
      id: AMG,
      name: 'OSCE Advisory and Monitoring Group in Belarus',
      kind: 'advisory-and-monitoring-group',
      hostStates: ['belarus'],
      seat: 'Minsk',
      establishedOn: '1998-02-27',
    },
    undefined,
    everythingExists,
  );
  await record(
    store,
    [{ stream: streamOfOperation(AMG), events: amgEvents }],
    new Date('2024-01-01T10:01:00.000Z'),
  );
  const changes = decideRecordDecision(
    {
      reference: 'PC.DEC/526',
      body: 'permanent-council',
      adoptedOn: '2002-12-30',
      title: 'Establishment of the OSCE Office in Minsk',
      sourceUrl: 'https://www.osce.org/pc/13878',
      effects: [
        {
          action: 'establish',
          id: OFFICE,
          name: 'OSCE Office in Minsk',
          kind: 'office',
          hostStates: ['belarus'],
          seat: 'Minsk',
          establishedOn: '2003-01-01',
          mandate: { summary: OFFICE_MANDATE, until: '2003-12-31' },
          predecessors: [AMG],
        },
        {
          action: 'close',
          operation: AMG,
          closedOn: '2002-12-31',
          reason: 'replaced',
          successors: options.closureNamesSuccessor === false ? [] : [OFFICE],
        },
      ],
    },
    undefined,
    new Map([[AMG, fold(amgEvents)]]),
    everythingExists,
  );
  return record(store, changes, new Date('2024-01-02T09:30:00.123Z'), 'registrar@osce.org');
}
