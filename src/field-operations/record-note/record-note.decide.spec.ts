import { given, knownRefs } from '../../../test/support/decider-spec';
import { AMG, amgClosed, amgEstablished } from '../../../test/support/field-operation-fixtures';
import { decideRecordNote } from './record-note.decide';

const refs = knownRefs({ decisions: ['PC.DEC/59'] });
const provenance = {
  sources: ['https://www.osce.org/belarus/1', 'https://www.osce.org/belarus/2'],
  confidence: { deployment: 'high (month only)' },
  conflicts: [{ field: 'deployment', values: ['1998-03', '1998-04'] }],
};
const note = {
  operationId: AMG,
  on: '1998-03',
  category: 'deployment' as const,
  text: 'The Group started work in March 1998.',
  provenance,
};

describe('record a note on a field operation', () => {
  it('records NoteRecorded with its date, category and provenance in stored shape', () => {
    given(amgEstablished)
      .when((state) => decideRecordNote(note, state, refs))
      .then([
        {
          type: 'NoteRecorded',
          data: {
            ...note,
            decision: null,
            provenance: {
              ...provenance,
              conflicts: [{ ...provenance.conflicts[0], resolution: null }],
              notes: [],
            },
          },
        },
      ]);
  });

  it('records an undated note without a category, citing a decision', () => {
    given(amgEstablished)
      .when((state) =>
        decideRecordNote(
          {
            operationId: AMG,
            text: 'Expanded.',
            decision: 'PC.DEC/59',
            provenance: { sources: [] },
          },
          state,
          refs,
        ),
      )
      .then([
        {
          type: 'NoteRecorded',
          data: {
            operationId: AMG,
            on: null,
            category: null,
            text: 'Expanded.',
            decision: 'PC.DEC/59',
            provenance: { sources: [], confidence: {}, conflicts: [], notes: [] },
          },
        },
      ]);
  });

  it('refuses an unregistered decision, a closed and an unknown operation', () => {
    given(amgEstablished)
      .when((state) => decideRecordNote({ ...note, decision: 'PC.DEC/1' }, state, refs))
      .thenRefuses('unknown-decision', 422, '/decision');
    given(amgEstablished, amgClosed)
      .when((state) => decideRecordNote(note, state, refs))
      .thenRefuses('operation-closed', 409);
    given()
      .when((state) => decideRecordNote(note, state, refs))
      .thenRefuses('unknown-operation', 404);
  });

  it('refuses a conflict without the field it is about', () => {
    const bad = { ...provenance, conflicts: [{ field: '', values: [] }] };
    given(amgEstablished)
      .when((state) => decideRecordNote({ ...note, provenance: bad }, state, refs))
      .thenRefuses('validation-failed', 422, '/provenance/conflicts/0/field');
  });
});
