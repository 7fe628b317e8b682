import {
  AMG,
  amgClosed,
  amgEstablished,
  amgMandate,
} from '../../../test/support/field-operation-fixtures';
import { fold } from './fold';
import type { FieldOperation } from './state';
import { viewOn } from './view';

const amg = fold([
  amgEstablished,
  amgMandate,
  { type: 'HeadAppointed', data: { operationId: AMG, name: 'First Head', from: '1998-02' } },
  { type: 'HeadAppointed', data: { operationId: AMG, name: 'Second Head', from: '2001-06-01' } },
  {
    type: 'FieldOperationRenamed',
    data: {
      operationId: AMG,
      name: 'Renamed Group',
      kind: 'assistance-group',
      effectiveOn: '2000',
      decision: null,
    },
  },
  amgClosed,
]) as FieldOperation;

describe('a field operation on a date (valid time)', () => {
  it.each([
    ['1998-02-26', 'not-yet-established'],
    ['1998-02-27', 'active'],
    ['2002-12-31', 'active'],
    ['2003-01-01', 'closed'],
  ])('on %s is %s', (day, status) => {
    expect(viewOn(amg, day).status).toBe(status);
  });

  it('shows the name, kind, head and mandate in force on the day', () => {
    expect(viewOn(amg, '1999-06-01')).toMatchObject({
      name: 'OSCE Advisory and Monitoring Group in Belarus',
      kind: 'advisory-and-monitoring-group',
      head: 'First Head',
      mandate: { decision: 'PC.DEC/185', until: null },
    });
    expect(viewOn(amg, '2001-06-01')).toMatchObject({
      name: 'Renamed Group',
      kind: 'assistance-group',
      head: 'Second Head',
      closedOn: '2002-12-31',
      successors: ['office-in-minsk'],
    });
  });

  it('shows the first name and no head before establishment', () => {
    expect(viewOn(amg, '1990-01-01')).toMatchObject({
      name: 'OSCE Advisory and Monitoring Group in Belarus',
      head: null,
      mandate: null,
    });
  });

  it('keeps the version that started last in valid time, whatever the recording order', () => {
    const backdated = fold([
      amgEstablished,
      {
        type: 'FieldOperationRenamed',
        data: {
          operationId: AMG,
          name: 'Later name',
          kind: 'assistance-group',
          effectiveOn: '2001',
          decision: null,
        },
      },
      {
        type: 'FieldOperationRenamed',
        data: {
          operationId: AMG,
          name: 'Earlier name',
          kind: 'assistance-group',
          effectiveOn: '1999',
          decision: null,
        },
      },
    ]) as FieldOperation;
    expect(viewOn(backdated, '2001-06-01').name).toBe('Later name');
    expect(viewOn(backdated, '2000-06-01').name).toBe('Earlier name');
  });
});
