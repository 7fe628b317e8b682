import {
  amgClosed,
  amgEstablished,
  amgMandate,
} from '../../../test/support/field-operation-fixtures';
import { jsonBytes } from '../../shared/read/json-bytes';
import { fold } from '../domain/fold';
import type { FieldOperation } from '../domain/state';
import { DetailCache } from './detail-cache';
import { detailOn, type Links } from './field-operation-detail';

const amg = fold([amgEstablished, amgMandate, amgClosed]) as FieldOperation;
const none: Links = { predecessors: [], successors: [] };
const on = (day: string, links = none, revision = 3) => detailOn(amg, revision, links, day);

describe('the details list pages answer with, kept per version, day and links', () => {
  it('keeps a detail frozen, with its JSON, and gives it back for the same version, day and links', () => {
    const cache = new DetailCache();
    expect(cache.get(12, none, '2000-01-01')).toBeUndefined();
    const kept = cache.keep(12, none, '2000-01-01', on('2000-01-01'));
    expect(kept).toEqual(on('2000-01-01'));
    expect(Object.isFrozen(kept)).toBe(true);
    expect(Object.isFrozen(kept.mandate)).toBe(true);
    expect(cache.get(12, { predecessors: [], successors: [] }, '2000-01-01')).toBe(kept);
    expect(jsonBytes(kept).toString()).toBe(JSON.stringify(on('2000-01-01')));
  });

  it('tells days, versions and links apart', () => {
    const cache = new DetailCache();
    const a: Links = { predecessors: ['a'], successors: [] };
    const b: Links = { predecessors: [], successors: ['a'] };
    cache.keep(12, none, '2000-01-01', on('2000-01-01'));
    for (const [position, links, day] of [
      [12, none, '2015-01-01'],
      [13, none, '2000-01-01'],
      [12, a, '2000-01-01'],
      [12, b, '2000-01-01'],
    ] as const) {
      expect(cache.get(position, links, day)).toBeUndefined();
      cache.keep(position, links, day, on(day, links));
    }
    expect(cache.size).toBe(5);
    expect(cache.get(12, a, '2000-01-01')?.predecessors).toEqual(['a']);
    expect(cache.get(12, b, '2000-01-01')?.successors).toEqual([...amg.successors, 'a']);
    expect(cache.get(12, none, '2015-01-01')?.status).toBe('closed');
  });

  it('keeps within its budget', () => {
    const one = new DetailCache();
    one.keep(1, none, '2000-01-01', on('2000-01-01'));
    const cache = new DetailCache(one.heldBytes * 2 + 1);
    for (const day of ['2000-01-01', '2000-01-02', '2000-01-03']) cache.keep(1, none, day, on(day));
    expect(cache.size).toBe(2);
    expect(cache.heldBytes).toBeLessThanOrEqual(cache.budget);
    expect(cache.get(1, none, '2000-01-01')).toBeUndefined();
  });
});
