import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeyStore, KeyStoreError, keysFileIn } from './api-key-store';

describe('ApiKeyStore (keys.sqlite)', () => {
  let dir: string;
  let store: ApiKeyStore;
  let clock: number;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'registry-keys-'));
    clock = Date.parse('2026-01-02T03:04:05.000Z');
    store = ApiKeyStore.inDataDir(dir, () => new Date((clock += 1000)));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a key, shown once, and stores only its id and SHA-256 (WAL, owner-only file)', () => {
    const { key, record } = store.create('ci-bot', 'recorder');
    expect(record).toEqual({
      id: key.slice(0, 12),
      name: 'ci-bot',
      role: 'recorder',
      createdAt: '2026-01-02T03:04:06.000Z',
      revokedAt: undefined,
    });
    const raw = new Database(keysFileIn(dir), { readonly: true });
    const rows = raw.prepare('SELECT * FROM api_keys').all();
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(key.slice(12));
    expect(statSync(keysFileIn(dir)).mode & 0o777).toBe(0o600);
  });

  it('checks a presented key: valid, then revoked; unknown or malformed keys are unknown', () => {
    const { key, record } = store.create('alice', 'auditor');
    expect(store.check(key)).toEqual({ outcome: 'valid', key: record });
    const tampered = key.slice(0, -2) + (key.endsWith('AA') ? 'BB' : 'AA');
    expect(store.check(tampered)).toEqual({ outcome: 'unknown' });
    expect(store.check('reg_short')).toEqual({ outcome: 'unknown' });
    expect(store.check('')).toEqual({ outcome: 'unknown' });
    store.revoke('alice');
    expect(store.check(key)).toMatchObject({
      outcome: 'revoked',
      key: { name: 'alice', revokedAt: expect.any(String) },
    });
  });

  it('sees a revocation made by another connection (the CLI) at the next check', () => {
    const { key, record } = store.create('alice', 'recorder');
    const cli = ApiKeyStore.inDataDir(dir);
    expect(cli.revoke(record.id)).toMatchObject({ alreadyRevoked: false });
    cli.close();
    expect(store.check(key).outcome).toBe('revoked');
  });

  it('revokes by id or name, once; an unknown key is an error', () => {
    const a = store.create('a', 'reader').record;
    store.create('b', 'reader');
    const first = store.revoke(a.id);
    expect(first).toEqual({
      record: { ...a, revokedAt: '2026-01-02T03:04:08.000Z' },
      alreadyRevoked: false,
    });
    expect(store.revoke('a')).toEqual({ record: first.record, alreadyRevoked: true });
    expect(() => store.revoke('nobody')).toThrow(KeyStoreError);
    expect(store.list().map((k) => [k.name, k.revokedAt !== undefined])).toEqual([
      ['a', true],
      ['b', false],
    ]);
  });

  it('never reuses a name, even once revoked, so key:<name> names one key forever', () => {
    store.create('alice', 'recorder');
    store.revoke('alice');
    expect(() => store.create('alice', 'recorder')).toThrow(/exists already/);
  });

  it.each([
    ['', 'recorder', /key name/],
    ['has space', 'recorder', /key name/],
    ['-dash-first', 'recorder', /key name/],
    ['reg_lookalike', 'recorder', /key name/],
    ['x'.repeat(65), 'recorder', /key name/],
    ['alice', 'admin', /role must be one of recorder, auditor, reader/],
  ])('refuses the name %j with the role %j', (name, role, message) => {
    expect(() => store.create(name, role)).toThrow(message);
    expect(store.list()).toEqual([]);
  });
});
