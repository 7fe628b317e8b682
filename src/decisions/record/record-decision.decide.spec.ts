import { DomainError } from '../../shared/domain/domain-error';
import { knownRefs } from '../../../test/support/decider-spec';
import { AMG, amgEstablished } from '../../../test/support/field-operation-fixtures';
import { fold } from '../../field-operations/domain/fold';
import { evolveDecision } from '../domain/decision';
import { pcDec526 } from '../../../test/support/press-release';
import { decideRecordDecision } from './record-decision.decide';

const refs = knownRefs({ states: ['belarus'], operations: [AMG] });
const amgOnly = new Map([[AMG, fold([amgEstablished])]]);

describe('record a decision with effects', () => {
  it('given the AMG, records the decision, OfficeEstablished, MandateAgreed and GroupClosed, each citing it', () => {
    const changes = decideRecordDecision(pcDec526, undefined, amgOnly, refs);
    expect(changes.map((c) => [c.stream, c.events.map((e) => e.type)])).toEqual([
      ['decision-pc-dec-526', ['DecisionRecorded']],
      ['field-operation-office-in-minsk', ['OfficeEstablished', 'MandateAgreed']],
      [`field-operation-${AMG}`, ['GroupClosed']],
    ]);
    const cited = changes
      .slice(1)
      .flatMap((c) => c.events.map((e) => (e.data as { decision: string }).decision));
    expect(cited).toEqual(['PC.DEC/526', 'PC.DEC/526', 'PC.DEC/526']);
    expect(changes[0].events[0].data).toMatchObject({
      decisionId: 'pc-dec-526',
      effects: [
        { action: 'establish', operation: 'office-in-minsk' },
        { action: 'close', operation: AMG },
      ],
    });
  });

  it('accepts a successor established by a later effect of the same decision', () => {
    const reversed = { ...pcDec526, effects: [...pcDec526.effects!].reverse() };
    expect(() => decideRecordDecision(reversed, undefined, amgOnly, refs)).not.toThrow();
  });

  it('points at the invalid field of the failing effect', () => {
    const bad = {
      ...pcDec526,
      effects: [pcDec526.effects![0], { ...pcDec526.effects![1], closedOn: '1990' } as never],
    };
    let error: unknown;
    try {
      decideRecordDecision(bad, undefined, amgOnly, refs);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      status: 422,
      code: 'closed-before-establishment',
      pointer: '/effects/1/closedOn',
    });
  });

  it('given the decision was recorded, refuses it again', () => {
    const [decision] = decideRecordDecision(pcDec526, undefined, amgOnly, refs);
    const state = evolveDecision(undefined, decision.events[0]);
    expect(() => decideRecordDecision(pcDec526, state, amgOnly, refs)).toThrow(/already recorded/);
  });

  it('applies effects on one operation in order (establish then appoint a head)', () => {
    const changes = decideRecordDecision(
      {
        ...pcDec526,
        effects: [
          pcDec526.effects![0],
          {
            action: 'appoint-head',
            operation: 'office-in-minsk',
            name: 'Eberhard Heyken',
            from: '2003-02-10',
          },
        ],
      },
      undefined,
      amgOnly,
      refs,
    );
    expect(changes[1].events.map((e) => e.type)).toEqual([
      'OfficeEstablished',
      'MandateAgreed',
      'HeadAppointed',
    ]);
    expect(changes[1].events[2].data).toEqual({
      operationId: 'office-in-minsk',
      name: 'Eberhard Heyken',
      from: '2003-02-10',
      decision: 'PC.DEC/526',
    });
  });

  const refuses = (effects: unknown[], code: string, pointer: string): void => {
    let error: unknown;
    try {
      decideRecordDecision(
        { ...pcDec526, effects: effects as never },
        undefined,
        new Map([...amgOnly, [OTHER, fold([otherEstablished])]]),
        knownRefs({ states: ['belarus'], operations: [AMG, OTHER] }),
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code, status: 422, pointer });
  };
  const OTHER = 'office-in-vitebsk';
  const otherEstablished = {
    type: 'OfficeEstablished',
    data: { ...amgEstablished.data, operationId: OTHER, name: 'Vitebsk', kind: 'office' },
  };
  const closing = (operation: string, successors: string[]) => ({
    action: 'close',
    operation,
    closedOn: '2002-12-31',
    reason: 'replaced',
    successors,
  });

  it('refuses two operations each closed for the other', () => {
    refuses(
      [closing(AMG, [OTHER]), closing(OTHER, [AMG])],
      'succession-cycle',
      '/effects/1/successors/0',
    );
  });

  it('refuses two operations established each after the other', () => {
    const [office] = pcDec526.effects!;
    const second = { ...office, id: 'office-in-gomel', predecessors: ['office-in-minsk'] };
    refuses(
      [{ ...office, predecessors: ['office-in-gomel'] }, second],
      'succession-cycle',
      '/effects/1/predecessors/0',
    );
  });

  it('refuses an operation established after another and closed for it', () => {
    const [office] = pcDec526.effects!;
    refuses(
      [office, closing('office-in-minsk', [AMG])],
      'succession-cycle',
      '/effects/1/successors/0',
    );
  });

  it('refuses a successor named twice in a close effect', () => {
    refuses([closing(AMG, [OTHER, OTHER])], 'duplicate-reference', '/effects/0/successors/1');
  });

  it('records seat, host-State changes and notes as effects, each citing the decision and keeping its provenance', () => {
    const provenance = { sources: ['https://www.osce.org/belarus'] };
    const changes = decideRecordDecision(
      {
        reference: 'PC.DEC/400',
        body: 'permanent-council',
        adoptedOn: '2000-02',
        effects: [
          { action: 'change-seat', operation: AMG, seat: 'Vitebsk', effectiveOn: '2000-03' },
          {
            action: 'change-host-states',
            operation: AMG,
            hostStates: ['belarus', 'russian-federation'],
            effectiveOn: '2000-03',
          },
          { action: 'note', operation: AMG, on: '2000-03', text: 'Moved.', provenance },
        ],
      },
      undefined,
      amgOnly,
      knownRefs({ states: ['belarus', 'russian-federation'] }),
    );
    expect(changes[1].events).toEqual([
      expect.objectContaining({ type: 'SeatChanged' }),
      expect.objectContaining({ type: 'HostStatesChanged' }),
      {
        type: 'NoteRecorded',
        data: expect.objectContaining({
          decision: 'PC.DEC/400',
          text: 'Moved.',
          provenance: { ...provenance, confidence: {}, conflicts: [], notes: [] },
        }),
      },
    ]);
    expect(changes[1].events.map((e) => (e.data as { decision: string }).decision)).toEqual([
      'PC.DEC/400',
      'PC.DEC/400',
      'PC.DEC/400',
    ]);
  });

  it('points at an unregistered host State of a change-host-states effect', () => {
    expect(() =>
      decideRecordDecision(
        {
          reference: 'PC.DEC/400',
          body: 'permanent-council',
          adoptedOn: '2000',
          effects: [
            {
              action: 'change-host-states',
              operation: AMG,
              hostStates: ['atlantis'],
              effectiveOn: '2000',
            },
          ],
        },
        undefined,
        amgOnly,
        refs,
      ),
    ).toThrow(expect.objectContaining({ pointer: '/effects/0/hostStates/0' }));
  });
});
