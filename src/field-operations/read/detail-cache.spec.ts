import {
  amgClosed,
  amgEstablished,
  amgMandate,
} from '../../../test/support/field-operation-fixtures';
import { jsonBytes } from '../../http/responses/json-page';
import { fold } from '../domain/fold';
import type { FieldOperation } from '../domain/state';
import { DetailCache } from './detail-cache';
import { detailOn, type Links } from './field-operation-detail';

const amg = fold([amgEstablished, amgMandate, amgClosed]) as FieldOperation;
const none: Links = { predecessors: [], successors: [] };
const version = { position: 12, revision: 3 };

/** A cache and a state reader that counts its reads. */
function cacheAndReads(budget?: number) {
  const cache = new DetailCache(budget);
  const reads: number[] = [];
  const stateOf = (v: { position: number }) => (reads.push(v.position), amg);
  return { cache, reads, stateOf };
}

describe('the details lists answer with, kept per version, day and links', () => {
  it('is the detail on the day, built once, frozen, its state read once', () => {
    const { cache, reads, stateOf } = cacheAndReads();
    const first = cache.detail(version, none, '2000-01-01', stateOf);
    expect(first).toEqual(detailOn(amg, 3, none, '2000-01-01'));
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.mandate)).toBe(true);
    expect(cache.detail(version, { predecessors: [], successors: [] }, '2000-01-01', stateOf)).toBe(
      first,
    );
    expect(reads).toEqual([12]);
    expect(jsonBytes(first).toString()).toBe(JSON.stringify(detailOn(amg, 3, none, '2000-01-01')));
  });

  it('tells days, versions and links apart', () => {
    const { cache, stateOf } = cacheAndReads();
    const base = cache.detail(version, none, '2000-01-01', stateOf);
    const otherDay = cache.detail(version, none, '2015-01-01', stateOf);
    const otherVersion = cache.detail({ position: 13, revision: 4 }, none, '2000-01-01', stateOf);
    const linked = cache.detail(
      version,
      { predecessors: ['a'], successors: [] },
      '2000-01-01',
      stateOf,
    );
    const linkedOtherWay = cache.detail(
      version,
      { predecessors: [], successors: ['a'] },
      '2000-01-01',
      stateOf,
    );
    expect(new Set([base, otherDay, otherVersion, linked, linkedOtherWay]).size).toBe(5);
    expect(otherDay.status).toBe('closed');
    expect(base.status).toBe('active');
    expect(otherVersion.revision).toBe(4);
    expect(linked.predecessors).toEqual(['a']);
    expect(linkedOtherWay.successors).toEqual([...amg.successors, 'a']);
    expect(cache.size).toBe(5);
  });

  it('keeps within its budget, dropping the oldest first', () => {
    const one = cacheAndReads().cache;
    one.detail(version, none, '2000-01-01', () => amg);
    const size = one.heldBytes;
    const { cache, reads, stateOf } = cacheAndReads(size * 2 + 1);
    for (const day of ['2000-01-01', '2000-01-02', '2000-01-03']) {
      cache.detail(version, none, day, stateOf);
    }
    expect(cache.size).toBe(2);
    expect(cache.heldBytes).toBeLessThanOrEqual(size * 2 + 1);
    cache.detail(version, none, '2000-01-03', stateOf);
    expect(reads).toHaveLength(3);
    cache.detail(version, none, '2000-01-01', stateOf);
    expect(reads).toHaveLength(4);
  });
});
