import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys: `reg_` followed by 32 random bytes in base64url (43 characters), 256 bits from the
 * operating system's CSPRNG. The first 8 characters after `reg_` are the key's public id
 * (`reg_k7Qp2xZa`), shown by `keys list` and in logs; the other 35 characters (208 bits) stay
 * secret, so the id gives nothing useful away.
 *
 * Only the SHA-256 of the whole key is stored. A slow password hash (bcrypt, scrypt, Argon2)
 * defends low-entropy secrets that an attacker holding the hashes could guess; nobody can guess
 * 2^208 possibilities, however fast the hash, so a fast hash is as safe here and lets every
 * request be checked in microseconds without a cache (which would delay revocation).
 */
export const API_KEY_PREFIX = 'reg_';
const KEY_BYTES = 32;
const ENCODED_LENGTH = 43; // base64url of 32 bytes, unpadded
export const KEY_ID_LENGTH = 8;
const API_KEY_PATTERN = new RegExp(`^${API_KEY_PREFIX}[A-Za-z0-9_-]{${ENCODED_LENGTH}}$`);

/** A new key, never stored as it is: keep `key` (shown once), store `id` and `hash`. */
export function generateApiKey(random: (size: number) => Buffer = randomBytes): {
  key: string;
  id: string;
  hash: string;
} {
  const key = `${API_KEY_PREFIX}${random(KEY_BYTES).toString('base64url')}`;
  return { key, id: keyIdOf(key), hash: hashApiKey(key) };
}

/** Whether a bearer token is shaped like one of our API keys (and not, say, a JWT). */
export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}

/** Whether it is exactly a well-formed key: the prefix and 43 base64url characters. */
export function isWellFormedApiKey(token: string): boolean {
  return API_KEY_PATTERN.test(token);
}

/** The public id of a well-formed key: `reg_` and the first 8 characters of its random part. */
export function keyIdOf(key: string): string {
  return key.slice(0, API_KEY_PREFIX.length + KEY_ID_LENGTH);
}

/** Hex SHA-256 of the whole key, as stored. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Compares a presented key with a stored hash in constant time. */
export function matchesHash(key: string, storedHash: string): boolean {
  const presented = Buffer.from(hashApiKey(key), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
