import { fold } from '../domain/fold';
import type { FieldOperation } from '../domain/state';
import { timelineOf } from './timeline';

const mission = fold([
  {
    type: 'MissionEstablished',
    data: {
      operationId: 'mission-to-croatia',
      name: 'OSCE Mission to Croatia',
      kind: 'mission',
      hostStates: ['croatia'],
      seat: 'Zagreb',
      establishedOn: '1996-04-18',
      decision: 'PC.DEC/112',
      sourceUrl: null,
      predecessors: [],
    },
  },
  {
    type: 'MissionClosed',
    data: {
      operationId: 'mission-to-croatia',
      closedOn: '2007-12-31',
      reason: 'replaced',
      decision: null,
      successors: ['office-in-zagreb'],
    },
  },
]) as FieldOperation;
const office = fold([
  {
    type: 'OfficeEstablished',
    data: {
      operationId: 'office-in-zagreb',
      name: 'OSCE Office in Zagreb',
      kind: 'office',
      hostStates: ['croatia'],
      seat: 'Zagreb',
      establishedOn: '2008',
      decision: null,
      sourceUrl: null,
      predecessors: ['mission-to-croatia'],
    },
  },
  {
    type: 'FieldOperationRenamed',
    data: {
      operationId: 'office-in-zagreb',
      name: 'Renamed Office',
      kind: 'office',
      effectiveOn: '2010-06',
      decision: null,
    },
  },
]) as FieldOperation;

describe('timeline of active operations per year', () => {
  it('counts an operation in every year it was active at any time, its first and last included', () => {
    const years = timelineOf([office, mission], 1995, 2011);
    const ids = (year: number) => years.find((y) => y.year === year)?.operations.map((o) => o.id);
    expect(years).toHaveLength(17);
    expect(years[0]).toEqual({ year: 1995, count: 0, operations: [] });
    expect(ids(1996)).toEqual(['mission-to-croatia']);
    expect(ids(2007)).toEqual(['mission-to-croatia']);
    expect(ids(2008)).toEqual(['office-in-zagreb']);
  });

  it('names each operation as it was at the end of the year', () => {
    const [y2009, y2010] = timelineOf([office], 2009, 2010);
    expect(y2009.operations).toEqual([
      { id: 'office-in-zagreb', name: 'OSCE Office in Zagreb', kind: 'office' },
    ]);
    expect(y2010.operations[0].name).toBe('Renamed Office');
  });
});
