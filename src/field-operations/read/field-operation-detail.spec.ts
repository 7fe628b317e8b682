import {
  amgClosed,
  amgEstablished,
  amgMandate,
} from '../../../test/support/field-operation-fixtures';
import { fold } from '../domain/fold';
import type { FieldOperation } from '../domain/state';
import { viewOn } from '../domain/view';
import { detailOn } from './field-operation-detail';

const amg = fold([amgEstablished, amgMandate, amgClosed]) as FieldOperation;
const withOwnLinks: FieldOperation = { ...amg, predecessors: ['a', 'b', 'a'], successors: ['c'] };

describe('an operation detail (the view, both sides links, the revision)', () => {
  it('is the view on the day with the revision last, in the view order', () => {
    const detail = detailOn(amg, 7, { predecessors: [], successors: [] }, '2000-01-01');
    expect(detail).toEqual({ ...viewOn(amg, '2000-01-01'), revision: 7 });
    expect(Object.keys(detail)).toEqual([...Object.keys(viewOn(amg, '2000-01-01')), 'revision']);
  });

  it.each([
    [{ predecessors: [], successors: [] }, ['a', 'b'], ['c']],
    [{ predecessors: ['b', 'x'], successors: ['c'] }, ['a', 'b', 'x'], ['c']],
    [{ predecessors: [], successors: ['d', 'd'] }, ['a', 'b'], ['c', 'd']],
  ])('adds the links the other side named once each, after its own (%j)', (links, p, s) => {
    const detail = detailOn(withOwnLinks, 1, links, '2000-01-01');
    expect(detail.predecessors).toEqual(p);
    expect(detail.successors).toEqual(s);
  });

  it('keeps a single link as it is and never hands out the state own arrays', () => {
    const detail = detailOn(
      { ...amg, predecessors: [], successors: ['c'] },
      1,
      { predecessors: ['p'], successors: [] },
      '2000-01-01',
    );
    expect(detail.predecessors).toEqual(['p']);
    expect(detail.successors).toEqual(['c']);
    const state = { ...amg, successors: ['c'] };
    expect(
      detailOn(state, 1, { predecessors: [], successors: [] }, '2000-01-01').successors,
    ).not.toBe(state.successors);
  });
});
