import { given, knownRefs } from '../../../test/support/decider-spec';
import { amgEstablished, AMG } from '../../../test/support/field-operation-fixtures';
import { decideEstablish, type EstablishFieldOperation } from './establish.decide';

const office: EstablishFieldOperation = {
  id: 'office-in-minsk',
  name: 'OSCE Office in Minsk',
  kind: 'office',
  hostStates: ['belarus'],
  seat: 'Minsk',
  establishedOn: '2003-01-01',
  decision: 'PC.DEC/526',
  mandate: {
    summary: 'Assist the Belarusian Government in further promoting institution-building',
  },
  predecessors: [AMG],
};
const refs = knownRefs({ states: ['belarus'], decisions: ['PC.DEC/526'], operations: [AMG] });

describe('establish a field operation', () => {
  it('records OfficeEstablished and MandateAgreed, both citing the decision', () => {
    given()
      .when((state) => decideEstablish(office, state, refs))
      .then([
        {
          type: 'OfficeEstablished',
          data: {
            operationId: 'office-in-minsk',
            name: 'OSCE Office in Minsk',
            kind: 'office',
            hostStates: ['belarus'],
            seat: 'Minsk',
            establishedOn: '2003-01-01',
            decision: 'PC.DEC/526',
            sourceUrl: null,
            predecessors: [AMG],
          },
        },
        {
          type: 'MandateAgreed',
          data: {
            operationId: 'office-in-minsk',
            decision: 'PC.DEC/526',
            effectiveFrom: '2003-01-01',
            summary: office.mandate!.summary,
            until: null,
          },
        },
      ]);
  });

  it.each([
    ['advisory-and-monitoring-group', 'GroupEstablished'],
    ['verification-mission', 'MissionEstablished'],
    ['programme-office', 'OfficeEstablished'],
    ['project-co-ordinator', 'ProjectCoordinatorEstablished'],
  ] as const)('names the establishment of a %s %s', (kind, type) => {
    const [event] = decideEstablish(
      { ...office, kind, mandate: null, predecessors: [] },
      undefined,
      refs,
    );
    expect(event.type).toBe(type);
  });

  it('refuses a second establishment of the same id', () => {
    given(amgEstablished)
      .when((state) => decideEstablish({ ...office, id: AMG }, state, refs))
      .thenRefuses('already-established', 409, '/id');
  });

  it('refuses an unregistered host State', () => {
    given()
      .when((state) =>
        decideEstablish({ ...office, hostStates: ['belarus', 'atlantis'] }, state, refs),
      )
      .thenRefuses('unknown-state', 422, '/hostStates/1');
  });

  it('refuses an unregistered decision', () => {
    given()
      .when((state) => decideEstablish({ ...office, decision: 'PC.DEC/999' }, state, refs))
      .thenRefuses('unknown-decision', 422, '/decision');
  });

  it('refuses a predecessor that does not exist', () => {
    given()
      .when((state) => decideEstablish({ ...office, predecessors: ['nowhere'] }, state, refs))
      .thenRefuses('unknown-operation', 422, '/predecessors/0');
  });

  it('refuses a mandate that ends before it starts', () => {
    given()
      .when((state) =>
        decideEstablish({ ...office, mandate: { summary: 's', until: '2002-12' } }, state, refs),
      )
      .thenRefuses('mandate-ends-before-start', 422, '/mandate/until');
  });

  it('accepts an establishment without a known decision', () => {
    const events = decideEstablish({ ...office, decision: null, mandate: null }, undefined, refs);
    expect(events.map((e) => e.type)).toEqual(['OfficeEstablished']);
  });

  it('puts the provenance on the establishment and on the mandate it agrees', () => {
    const provenance = {
      sources: ['https://www.osce.org/minsk/43444'],
      confidence: { all: 'high' },
      notes: ['Decided on 2002-12-30; in effect from 2003-01-01.'],
    };
    const events = decideEstablish({ ...office, provenance }, undefined, refs);
    const stored = { ...provenance, conflicts: [] };
    expect(events.map((e) => (e.data as { provenance?: unknown }).provenance)).toEqual([
      stored,
      stored,
    ]);
  });

  it('records no provenance key at all when none is given (as before provenance existed)', () => {
    const [event] = decideEstablish(office, undefined, refs);
    expect(Object.keys(event.data)).not.toContain('provenance');
  });

  it('refuses a predecessor or a host State named twice', () => {
    given()
      .when((state) => decideEstablish({ ...office, predecessors: [AMG, AMG] }, state, refs))
      .thenRefuses('duplicate-reference', 422, '/predecessors/1');
    given()
      .when((state) =>
        decideEstablish({ ...office, hostStates: ['belarus', 'belarus'] }, state, refs),
      )
      .thenRefuses('duplicate-reference', 422, '/hostStates/1');
  });
});
