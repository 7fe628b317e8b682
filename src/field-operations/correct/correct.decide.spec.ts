import { given, knownRefs } from '../../../test/support/decider-spec';
import {
  AMG,
  amgClosed,
  amgEstablished,
  amgMandate,
} from '../../../test/support/field-operation-fixtures';
import { decideCorrection } from './correct.decide';

const ESTABLISHED = '00000000-0000-4000-8000-000000000000';
const MANDATE = '00000000-0000-4000-8000-000000000001';
const CLOSED = '00000000-0000-4000-8000-000000000002';
const established = { id: ESTABLISHED, ...amgEstablished };
const mandate = { id: MANDATE, ...amgMandate };
const closed = { id: CLOSED, ...amgClosed };
const wrongClosure = { ...closed, data: { ...amgClosed.data, closedOn: '2003-12-31' } };

const refs = knownRefs({
  decisions: ['PC.DEC/526', 'PC.DEC/185'],
  states: ['belarus'],
  operations: ['office-in-minsk'],
});
const correction = {
  operationId: AMG,
  corrects: CLOSED,
  changes: { closedOn: '2002-12-31' } as Record<string, unknown>,
  reason: 'The press release says the Group ceased on 2002-12-31',
};
const correct = (changes: Record<string, unknown>, corrects = CLOSED) =>
  decideCorrection.bind(null, { ...correction, corrects, changes });

describe('correct a recorded fact', () => {
  it('records FactCorrected on a closed operation, naming the event, its type and the reason', () => {
    given(established, wrongClosure)
      .when((_, history) => decideCorrection(correction, history, refs))
      .then([
        {
          type: 'FactCorrected',
          data: {
            operationId: AMG,
            corrects: CLOSED,
            correctedType: 'GroupClosed',
            changes: { closedOn: '2002-12-31' },
            reason: correction.reason,
          },
        },
      ]);
  });

  it('corrects several fields of an establishment, including its host States', () => {
    const changes = { name: 'OSCE AMG in Belarus', hostStates: ['belarus'], seat: null };
    given(established)
      .when((_, history) => correct(changes, ESTABLISHED)(history, refs))
      .then([
        {
          type: 'FactCorrected',
          data: {
            ...correction,
            corrects: ESTABLISHED,
            correctedType: 'GroupEstablished',
            changes,
          },
        },
      ]);
  });

  it('takes earlier corrections into account: setting a field to what it was corrected to is no change', () => {
    const first = decideCorrection(correction, [established, wrongClosure], refs)[0];
    const history = [established, wrongClosure, { id: 'c1', ...first }];
    given(...history)
      .when((_, h) => correct({ closedOn: '2002-12-31' })(h, refs))
      .thenRefuses('nothing-to-correct', 422, '/changes');
    given(...history)
      .when((_, h) => correct({ closedOn: '2002-12' })(h, refs))
      .then([expect.objectContaining({ type: 'FactCorrected' })]);
  });

  it('refuses an operation that does not exist', () => {
    given()
      .when((_, history) => decideCorrection(correction, history, refs))
      .thenRefuses('unknown-operation', 404);
  });

  it('refuses an event that is not on this stream', () => {
    given(established, closed)
      .when((_, history) => correct({ closedOn: '2002' }, MANDATE)(history, refs))
      .thenRefuses('unknown-event', 422, '/corrects');
  });

  it('refuses to correct a correction (the original fact is corrected again instead)', () => {
    const first = decideCorrection(correction, [established, wrongClosure], refs)[0];
    given(established, wrongClosure, { id: 'c1', ...first })
      .when((_, history) => correct({ closedOn: '2002' }, 'c1')(history, refs))
      .thenRefuses('correction-not-correctable', 422, '/corrects');
  });

  it('refuses an event that is not a fact', () => {
    given(established, { id: 'x', type: 'OfficeRepainted', data: {} })
      .when((_, history) => correct({ name: 'x' }, 'x')(history, refs))
      .thenRefuses('not-a-fact', 422, '/corrects');
  });

  it('refuses no changes, and a field that is not correctable for that fact', () => {
    given(established, closed)
      .when((_, history) => correct({})(history, refs))
      .thenRefuses('no-changes', 422, '/changes');
    given(established, closed)
      .when((_, history) => correct({ kind: 'office' }, ESTABLISHED)(history, refs))
      .thenRefuses('field-not-correctable', 422, '/changes/kind');
    given(established, closed)
      .when((_, history) => correct({ name: 'Other' })(history, refs))
      .thenRefuses('field-not-correctable', 422, '/changes/name');
  });

  it.each([
    [{ closedOn: '2002-13-01' }, '/changes/closedOn'],
    [{ reason: 'bored' }, '/changes/reason'],
    [{ successors: ['Not A Slug'] }, '/changes/successors'],
    [{ decision: 526 }, '/changes/decision'],
  ])('refuses an invalid value %j', (changes, pointer) => {
    given(established, closed)
      .when((_, history) => correct(changes)(history, refs))
      .thenRefuses('validation-failed', 422, pointer);
  });

  it('refuses invalid values of an establishment and of a mandate', () => {
    given(established, mandate)
      .when((_, history) => correct({ hostStates: [] }, ESTABLISHED)(history, refs))
      .thenRefuses('validation-failed', 422, '/changes/hostStates');
    given(established, mandate)
      .when((_, history) => correct({ sourceUrl: 'ftp://x' }, ESTABLISHED)(history, refs))
      .thenRefuses('validation-failed', 422, '/changes/sourceUrl');
    given(established, mandate)
      .when((_, history) => correct({ summary: ' ' }, MANDATE)(history, refs))
      .thenRefuses('validation-failed', 422, '/changes/summary');
  });

  it('refuses references that are not registered', () => {
    given(established, closed)
      .when((_, history) => correct({ decision: 'PC.DEC/1' })(history, refs))
      .thenRefuses('unknown-decision', 422, '/changes/decision');
    given(established, closed)
      .when((_, history) => correct({ successors: ['nowhere'] })(history, refs))
      .thenRefuses('unknown-operation', 422, '/changes/successors/0');
    given(established, closed)
      .when((_, history) =>
        correct({ successors: [AMG] })(history, knownRefs({ operations: [AMG] })),
      )
      .thenRefuses('self-reference', 422, '/changes/successors/0');
    given(established)
      .when((_, history) =>
        correct({ hostStates: ['belarus', 'atlantis'] }, ESTABLISHED)(history, refs),
      )
      .thenRefuses('unknown-state', 422, '/changes/hostStates/1');
  });

  it('refuses a correction that would put the closure before the establishment, from either side', () => {
    given(established, closed)
      .when((_, history) => correct({ closedOn: '1997' })(history, refs))
      .thenRefuses('closed-before-establishment', 422, '/changes/closedOn');
    given(established, closed)
      .when((_, history) => correct({ establishedOn: '2003-06' }, ESTABLISHED)(history, refs))
      .thenRefuses('closed-before-establishment', 422, '/changes/establishedOn');
  });

  it('refuses a mandate that would end before it starts', () => {
    given(established, { ...mandate, data: { ...amgMandate.data, until: '1999' } })
      .when((_, history) => correct({ effectiveFrom: '2000-01' }, MANDATE)(history, refs))
      .thenRefuses('mandate-ends-before-start', 422, '/changes/effectiveFrom');
    given(established, mandate)
      .when((_, history) => correct({ until: '1997' }, MANDATE)(history, refs))
      .thenRefuses('mandate-ends-before-start', 422, '/changes/until');
  });

  it('refuses a correction without a reason', () => {
    given(established, closed)
      .when((_, history) => decideCorrection({ ...correction, reason: '  ' }, history, refs))
      .thenRefuses('reason-required', 422, '/reason');
  });

  it('corrects a seat change, refusing a date before the establishment', () => {
    const SEAT = '00000000-0000-4000-8000-000000000003';
    const seat = {
      id: SEAT,
      type: 'SeatChanged',
      data: { operationId: AMG, seat: 'Vitebsk', effectiveOn: '2000', decision: null },
    };
    given(established, seat)
      .when((_, history) => correct({ seat: 'Gomel' }, SEAT)(history, refs))
      .then([expect.objectContaining({ type: 'FactCorrected' })]);
    given(established, seat)
      .when((_, history) => correct({ effectiveOn: '1997' }, SEAT)(history, refs))
      .thenRefuses('seat-changed-before-establishment', 422, '/changes/effectiveOn');
  });

  it('does not correct provenance', () => {
    given(established, closed)
      .when((_, history) => correct({ provenance: { sources: [] } })(history, refs))
      .thenRefuses('field-not-correctable', 422, '/changes/provenance');
  });

  it('refuses a closure for lack of consensus that cites a decision, from either side', () => {
    given(established, closed)
      .when((_, history) => correct({ reason: 'no-consensus' })(history, refs))
      .thenRefuses('decision-without-consensus', 422, '/changes/reason');
    const noConsensus = {
      ...closed,
      data: { ...amgClosed.data, reason: 'no-consensus', decision: null, successors: [] },
    };
    given(established, noConsensus)
      .when((_, history) => correct({ decision: 'PC.DEC/526' })(history, refs))
      .thenRefuses('decision-without-consensus', 422, '/changes/decision');
    given(established, closed)
      .when((_, history) => correct({ reason: 'no-consensus', decision: null })(history, refs))
      .then([expect.objectContaining({ type: 'FactCorrected' })]);
  });

  it('refuses a host State or a successor named twice', () => {
    given(established)
      .when((_, history) =>
        correct({ hostStates: ['belarus', 'belarus'] }, ESTABLISHED)(history, refs),
      )
      .thenRefuses('duplicate-reference', 422, '/changes/hostStates/1');
    given(established, closed)
      .when((_, history) =>
        correct({ successors: ['office-in-minsk', 'office-in-minsk'] })(history, refs),
      )
      .thenRefuses('duplicate-reference', 422, '/changes/successors/1');
  });

  it("refuses a successor that is the operation's predecessor", () => {
    const after = {
      ...established,
      data: { ...amgEstablished.data, predecessors: ['office-in-minsk'] },
    };
    given(after, { ...closed, data: { ...amgClosed.data, successors: [] } })
      .when((_, history) => correct({ successors: ['office-in-minsk'] })(history, refs))
      .thenRefuses('succession-cycle', 422, '/changes/successors');
  });

  const RENAMED = '00000000-0000-4000-8000-000000000004';
  const renamed = {
    id: RENAMED,
    type: 'FieldOperationRenamed',
    data: { operationId: AMG, name: 'X', kind: 'office', effectiveOn: '2001', decision: null },
  };

  it('refuses a closure moved before a fact recorded after it, or a fact moved after the closure', () => {
    given(established, renamed, closed)
      .when((_, history) => correct({ closedOn: '2000' })(history, refs))
      .thenRefuses('closed-before-recorded-fact', 422, '/changes/closedOn');
    given(established, renamed, closed)
      .when((_, history) => correct({ effectiveOn: '2003-01' }, RENAMED)(history, refs))
      .thenRefuses('closed-before-recorded-fact', 422, '/changes/effectiveOn');
  });

  it('still corrects an operation that breaks a rule newer than its facts, unless the correction adds a breach', () => {
    const early = { ...closed, data: { ...amgClosed.data, closedOn: '2000' } };
    given(established, renamed, early)
      .when((_, history) => correct({ reason: 'merged' })(history, refs))
      .then([expect.objectContaining({ type: 'FactCorrected' })]);
    given(established, renamed, early)
      .when((_, history) => correct({ closedOn: '2002-12-31' })(history, refs))
      .then([expect.objectContaining({ type: 'FactCorrected' })]);
    given(established, renamed, early)
      .when((_, history) =>
        correct({ reason: 'no-consensus', decision: 'PC.DEC/526' })(history, refs),
      )
      .thenRefuses('decision-without-consensus', 422, '/changes/reason');
  });

  it('on a record whose closure already precedes later facts, mends and fixes typos but adds no breach', () => {
    const early = { ...closed, data: { ...amgClosed.data, closedOn: '2000' } };
    const RENAMED_AGAIN = '00000000-0000-4000-8000-000000000007';
    const renamedAgain = {
      id: RENAMED_AGAIN,
      type: 'FieldOperationRenamed',
      data: { operationId: AMG, name: 'Z', kind: 'office', effectiveOn: '2002', decision: null },
    };
    const SEAT = '00000000-0000-4000-8000-000000000008';
    const seat = {
      id: SEAT,
      type: 'SeatChanged',
      data: { operationId: AMG, seat: 'Vitebsk', effectiveOn: '1999', decision: null },
    };
    // A misspelt name of a renaming the closure precedes: no date moves, nothing is added.
    given(established, renamed, early)
      .when((_, history) => correct({ name: 'Y' }, RENAMED)(history, refs))
      .then([expect.objectContaining({ type: 'FactCorrected' })]);
    // One of two renamings after the closure moved before it: one breach fewer.
    given(established, renamed, renamedAgain, early)
      .when((_, history) => correct({ effectiveOn: '1999' }, RENAMED)(history, refs))
      .then([expect.objectContaining({ type: 'FactCorrected' })]);
    // A seat change moved after the closure, while a renaming already is: a breach more.
    given(established, renamed, seat, early)
      .when((_, history) => correct({ effectiveOn: '2005' }, SEAT)(history, refs))
      .thenRefuses('closed-before-recorded-fact', 422, '/changes/effectiveOn');
  });

  it('refuses a name corrected to nothing visible, as the commands do', () => {
    given(established)
      .when((_, history) => correct({ name: '\u200B' }, ESTABLISHED)(history, refs))
      .thenRefuses('validation-failed', 422, '/changes/name');
  });

  it('refuses an extension corrected to end no later than the mandate it extends', () => {
    const EXTENDED = '00000000-0000-4000-8000-000000000005';
    const until = { ...mandate, data: { ...amgMandate.data, until: '1999-12-31' } };
    const extended = {
      id: EXTENDED,
      type: 'MandateExtended',
      data: { operationId: AMG, decision: 'PC.DEC/185', until: '2000-12-31' },
    };
    given(established, until, extended)
      .when((_, history) => correct({ until: '1999-06-30' }, EXTENDED)(history, refs))
      .thenRefuses('extension-not-later', 422, '/changes/until');
    given(established, until, extended)
      .when((_, history) => correct({ until: '2001-06-30' }, MANDATE)(history, refs))
      .thenRefuses('extension-not-later', 422, '/changes/until');
    given(established, until, extended)
      .when((_, history) => correct({ until: '2001-06-30' }, EXTENDED)(history, refs))
      .then([expect.objectContaining({ type: 'FactCorrected' })]);
  });

  it('corrects the decision a head appointment rests on', () => {
    const HEAD = '00000000-0000-4000-8000-000000000006';
    const head = {
      id: HEAD,
      type: 'HeadAppointed',
      data: { operationId: AMG, name: 'Hans-Georg Wieck', from: '1998', decision: null },
    };
    given(established, head)
      .when((_, history) => correct({ decision: 'PC.DEC/185' }, HEAD)(history, refs))
      .then([expect.objectContaining({ type: 'FactCorrected' })]);
    given(established, head)
      .when((_, history) => correct({ decision: 'PC.DEC/1' }, HEAD)(history, refs))
      .thenRefuses('unknown-decision', 422, '/changes/decision');
  });
});
