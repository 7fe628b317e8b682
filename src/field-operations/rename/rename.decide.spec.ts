import { given, knownRefs } from '../../../test/support/decider-spec';
import { AMG, amgClosed, amgEstablished } from '../../../test/support/field-operation-fixtures';
import { decideRename } from './rename.decide';

const refs = knownRefs({ decisions: ['PC.DEC/400'] });
const rename = { operationId: AMG, name: 'OSCE Group in Belarus', effectiveOn: '2000-01' };

describe('rename a field operation', () => {
  it('records FieldOperationRenamed keeping the kind when none is given', () => {
    given(amgEstablished)
      .when((state) => decideRename(rename, state, refs))
      .then([
        {
          type: 'FieldOperationRenamed',
          data: { ...rename, kind: 'advisory-and-monitoring-group', decision: null },
        },
      ]);
  });

  it('records a change of kind with the decision', () => {
    given(amgEstablished)
      .when((state) =>
        decideRename({ ...rename, kind: 'office', decision: 'PC.DEC/400' }, state, refs),
      )
      .then([
        {
          type: 'FieldOperationRenamed',
          data: { ...rename, kind: 'office', decision: 'PC.DEC/400' },
        },
      ]);
  });

  it('refuses a renaming before the establishment', () => {
    given(amgEstablished)
      .when((state) => decideRename({ ...rename, effectiveOn: '1997-12-31' }, state, refs))
      .thenRefuses('renamed-before-establishment', 422, '/effectiveOn');
  });

  it('refuses an unregistered decision', () => {
    given(amgEstablished)
      .when((state) => decideRename({ ...rename, decision: 'PC.DEC/1' }, state, refs))
      .thenRefuses('unknown-decision', 422, '/decision');
  });

  it('refuses a closed operation', () => {
    given(amgEstablished, amgClosed)
      .when((state) => decideRename(rename, state, refs))
      .thenRefuses('operation-closed', 409);
  });

  const AMG_NAME = amgEstablished.data.name;
  const renamed = {
    type: 'FieldOperationRenamed',
    data: { ...rename, kind: 'advisory-and-monitoring-group', decision: null },
  };

  it('refuses a renaming to the name and kind already in force', () => {
    given(amgEstablished)
      .when((state) => decideRename({ ...rename, name: AMG_NAME }, state, refs))
      .thenRefuses('already-named', 409, '/name');
    given(amgEstablished, renamed)
      .when((state) => decideRename({ ...rename, effectiveOn: '2001' }, state, refs))
      .thenRefuses('already-named', 409, '/name');
  });

  it('accepts the same name with another kind, and a return to an earlier name', () => {
    given(amgEstablished)
      .when((state) => decideRename({ ...rename, name: AMG_NAME, kind: 'office' }, state, refs))
      .then([
        {
          type: 'FieldOperationRenamed',
          data: { ...rename, name: AMG_NAME, kind: 'office', decision: null },
        },
      ]);
    given(amgEstablished, renamed)
      .when((state) =>
        decideRename({ ...rename, name: AMG_NAME, effectiveOn: '2001' }, state, refs),
      )
      .then([
        {
          type: 'FieldOperationRenamed',
          data: {
            ...rename,
            name: AMG_NAME,
            effectiveOn: '2001',
            kind: 'advisory-and-monitoring-group',
            decision: null,
          },
        },
      ]);
  });

  it('accepts a return to a name when its imprecise date may fall after the renaming away from it', () => {
    // Renamed away in 2000-06; back "in 2000" may be any later month of that year.
    given(amgEstablished, { ...renamed, data: { ...renamed.data, effectiveOn: '2000-06' } })
      .when((state) =>
        decideRename({ ...rename, name: AMG_NAME, effectiveOn: '2000' }, state, refs),
      )
      .then([
        {
          type: 'FieldOperationRenamed',
          data: {
            ...rename,
            name: AMG_NAME,
            effectiveOn: '2000',
            kind: 'advisory-and-monitoring-group',
            decision: null,
          },
        },
      ]);
  });

  it('accepts a decision giving the name already shown (a step in between may be unknown)', () => {
    given(amgEstablished, renamed)
      .when((state) =>
        decideRename({ ...rename, effectiveOn: '2001', decision: 'PC.DEC/400' }, state, refs),
      )
      .then([
        {
          type: 'FieldOperationRenamed',
          data: {
            ...rename,
            effectiveOn: '2001',
            kind: 'advisory-and-monitoring-group',
            decision: 'PC.DEC/400',
          },
        },
      ]);
  });
});
