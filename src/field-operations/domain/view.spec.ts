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

describe('seats, host States and mandates over time', () => {
  const moved = fold([
    amgEstablished,
    { ...amgMandate, data: { ...amgMandate.data, until: '1999' } },
    {
      type: 'SeatChanged',
      data: { operationId: AMG, seat: 'Vitebsk', effectiveOn: '2000-03', decision: null },
    },
    {
      type: 'HostStatesChanged',
      data: {
        operationId: AMG,
        hostStates: ['belarus', 'russian-federation'],
        effectiveOn: '2001',
        decision: null,
      },
    },
  ]) as FieldOperation;

  it('shows the seat and host States in force on the day, the first ones before establishment', () => {
    expect(viewOn(moved, '1990-01-01')).toMatchObject({ seat: 'Minsk', hostStates: ['belarus'] });
    expect(viewOn(moved, '2000-02-29')).toMatchObject({ seat: 'Minsk', hostStates: ['belarus'] });
    expect(viewOn(moved, '2000-03-01')).toMatchObject({ seat: 'Vitebsk', hostStates: ['belarus'] });
    expect(viewOn(moved, '2001-01-01').hostStates).toEqual(['belarus', 'russian-federation']);
  });

  it('says a mandate lapsed once its until has passed, and not while an extension covers the day', () => {
    expect(viewOn(moved, '1999-12-31').mandate).toMatchObject({ until: '1999', lapsed: false });
    expect(viewOn(moved, '2000-01-01').mandate).toMatchObject({ until: '1999', lapsed: true });
    const extended = fold([
      amgEstablished,
      { ...amgMandate, data: { ...amgMandate.data, until: '1999' } },
      {
        type: 'MandateExtended',
        data: { operationId: AMG, decision: 'PC.DEC/300', until: '2000-06' },
      },
    ]) as FieldOperation;
    expect(viewOn(extended, '2000-06-30').mandate).toMatchObject({
      until: '2000-06',
      lapsed: false,
    });
    expect(viewOn(extended, '2000-07-01').mandate).toMatchObject({
      until: '2000-06',
      decision: 'PC.DEC/300',
      lapsed: true,
    });
    expect(viewOn(amg, '2002-12-31').mandate?.lapsed).toBe(false);
  });

  it('folds events recorded before provenance, seats and notes existed', () => {
    const noted = fold([
      amgEstablished,
      {
        type: 'NoteRecorded',
        data: { operationId: AMG, on: '1998', category: null, text: 'x', decision: null },
      },
    ]);
    expect(noted).toEqual(fold([amgEstablished]));
  });
});
