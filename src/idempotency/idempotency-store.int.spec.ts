import Database from 'better-sqlite3';
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

  it('says when a claim of the same request lapsed, with the log head its first attempt saw', () => {
    const store = open();
    expect(store.claim('key:alice', 'k', 'f1', 41n)).toEqual({ kind: 'claimed' });
    now += 100;
    expect(store.claim('key:alice', 'k', 'f1', 50n)).toEqual({
      kind: 'claimed',
      lapsed: { after: 41n },
    });
    now += 100;
    expect(store.claim('key:alice', 'k', 'f1', 60n)).toEqual({
      kind: 'claimed',
      lapsed: { after: 41n },
    });
    // Another request under the lapsed key is a new claim: it looks for nothing.
    now += 100;
    expect(store.claim('key:alice', 'k', 'f2', 70n)).toEqual({ kind: 'claimed' });
    // A first attempt on an empty log: look from the start.
    expect(store.claim('key:bob', 'k', 'f1')).toEqual({ kind: 'claimed' });
    now += 100;
    expect(store.claim('key:bob', 'k', 'f1', 3n)).toEqual({
      kind: 'claimed',
      lapsed: { after: undefined },
    });
    store.close();
  });

  it('abandons a claim (a 5xx): the next retry of the same request looks at once', () => {
    const store = open();
    store.claim('key:alice', 'k', 'f1', 7n);
    expect(store.claim('key:alice', 'k', 'f1', 8n)).toEqual({ kind: 'in-flight' });
    store.abandon('key:alice', 'k');
    expect(store.claim('key:alice', 'k', 'f1', 9n)).toEqual({
      kind: 'claimed',
      lapsed: { after: 7n },
    });
    store.close();
  });

  it('adds the log head column to a file made before it existed', () => {
    const file = join(dir, 'idempotency.sqlite');
    const old = new Database(file);
    old.exec(`CREATE TABLE idempotency_keys (
      principal TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('in-flight', 'done')), owner TEXT NOT NULL,
      claimed_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, status INTEGER, headers TEXT,
      body TEXT, PRIMARY KEY (principal, key)) WITHOUT ROWID`);
    old
      .prepare(
        `INSERT INTO idempotency_keys VALUES ('key:alice', 'k', 'f1', 'in-flight', 'x', ?, ?,
        NULL, NULL, NULL)`,
      )
      .run(now, now + 1000);
    old.close();
    const store = open();
    now += 100;
    expect(store.claim('key:alice', 'k', 'f1', 9n)).toEqual({
      kind: 'claimed',
      lapsed: { after: undefined },
    });
    store.close();
  });
});
