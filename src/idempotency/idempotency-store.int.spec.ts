import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IdempotencyStore } from './idempotency-store';

const answer = { status: 201, headers: { etag: '"0"', location: '/api/x/a' }, body: '{"id":"a"}' };

describe('IdempotencyStore', () => {
  let dir: string;
  let now: number;
  const open = (options = {}) =>
    new IdempotencyStore(join(dir, 'idempotency.sqlite'), {
      ttlMs: 1000,
      leaseMs: 100,
      now: () => now,
      ...options,
    });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'registry-idempotency-'));
    now = 1_000_000;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('claims a new key, says it is in flight, then replays the kept answer', () => {
    const store = open();
    expect(store.claim('key:alice', 'k', 'f1')).toEqual({ kind: 'claimed' });
    expect(store.claim('key:alice', 'k', 'f1')).toEqual({ kind: 'in-flight' });
    store.complete('key:alice', 'k', answer);
    expect(store.claim('key:alice', 'k', 'f1')).toEqual({ kind: 'replay', response: answer });
    expect(store.claim('key:alice', 'k', 'f2')).toEqual({ kind: 'reused' });
    store.close();
  });

  it('scopes keys per principal', () => {
    const store = open();
    expect(store.claim('key:alice', 'k', 'f1').kind).toBe('claimed');
    expect(store.claim('key:bob', 'k', 'f2').kind).toBe('claimed');
    store.close();
  });

  it('forgets a released key, so that a retry runs again', () => {
    const store = open();
    store.claim('key:alice', 'k', 'f1');
    store.release('key:alice', 'k');
    expect(store.claim('key:alice', 'k', 'f2').kind).toBe('claimed');
    store.close();
  });

  it('keeps answers across a reopening, until they expire, then purges them', () => {
    const first = open();
    first.claim('key:alice', 'k', 'f1');
    first.complete('key:alice', 'k', answer);
    first.close();
    const second = open();
    now += 999;
    expect(second.claim('key:alice', 'k', 'f1').kind).toBe('replay');
    now += 1;
    expect(second.purgeExpired()).toBe(1);
    expect(second.claim('key:alice', 'k', 'f2').kind).toBe('claimed');
    second.close();
  });

  it('lets the claim of a process that died lapse after the lease, and ignores its late completion', () => {
    const dead = open();
    dead.claim('key:alice', 'k', 'f1');
    const alive = open();
    expect(alive.claim('key:alice', 'k', 'f1').kind).toBe('in-flight');
    now += 100;
    expect(alive.claim('key:alice', 'k', 'f1').kind).toBe('claimed');
    dead.complete('key:alice', 'k', { ...answer, body: '{"id":"stale"}' });
    dead.release('key:alice', 'k');
    alive.complete('key:alice', 'k', answer);
    expect(alive.claim('key:alice', 'k', 'f1')).toEqual({ kind: 'replay', response: answer });
    dead.close();
    alive.close();
  });
});
