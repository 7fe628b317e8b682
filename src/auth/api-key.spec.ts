import { createHash } from 'node:crypto';
import {
  generateApiKey,
  hashApiKey,
  isWellFormedApiKey,
  keyIdOf,
  looksLikeApiKey,
  matchesHash,
} from './api-key';

describe('API keys', () => {
  it('are reg_ and 32 random bytes in base64url, with an 8-character public id', () => {
    const { key, id, hash } = generateApiKey();
    expect(key).toMatch(/^reg_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.slice(4), 'base64url')).toHaveLength(32);
    expect(id).toBe(key.slice(0, 12));
    expect(hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(hash).not.toContain(key.slice(4));
  });

  it('come from the random source, each one different', () => {
    const fixed = generateApiKey((size) => Buffer.alloc(size, 0xfb));
    expect(fixed.key).toBe(`reg_${Buffer.alloc(32, 0xfb).toString('base64url')}`);
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey().key));
    expect(keys.size).toBe(200);
  });

  it('are told apart from JWTs and checked for their exact shape', () => {
    const { key } = generateApiKey();
    expect(looksLikeApiKey(key)).toBe(true);
    expect(looksLikeApiKey('eyJhbGciOiJSUzI1NiJ9.e30.sig')).toBe(false);
    expect(isWellFormedApiKey(key)).toBe(true);
    expect(isWellFormedApiKey(key.slice(0, -1))).toBe(false);
    expect(isWellFormedApiKey(`${key}x`)).toBe(false);
    expect(isWellFormedApiKey(key.replace(/^reg_./, 'reg_='))).toBe(false);
    expect(isWellFormedApiKey(`REG_${key.slice(4)}`)).toBe(false);
  });

  it('match their stored hash only', () => {
    const { key, hash } = generateApiKey();
    expect(matchesHash(key, hash)).toBe(true);
    const other = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
    expect(matchesHash(other, hash)).toBe(false);
    expect(matchesHash(key, hash.slice(0, 10))).toBe(false);
    expect(hashApiKey(key)).toBe(hash);
    expect(keyIdOf(key)).toHaveLength(12);
  });
});
