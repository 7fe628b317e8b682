import Database from 'better-sqlite3';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  generateApiKey,
  isWellFormedApiKey,
  keyIdOf,
  matchesHash,
  API_KEY_PREFIX,
} from './api-key';
import { isRole, ROLES, type Role } from './roles';

/** The file, in the data folder, that holds the API keys' hashes. */
export const KEYS_FILE = 'keys.sqlite';

export function keysFileIn(dataDir: string): string {
  return join(dataDir, KEYS_FILE);
}

/** What is kept of a key: never the key itself, only its public id and its SHA-256. */
export interface ApiKeyRecord {
  /** Public id: `reg_` and the first 8 characters of the key. */
  readonly id: string;
  /** Unique forever (also after revocation), so `key:<name>` in the log names one key. */
  readonly name: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly revokedAt: string | undefined;
}

export type KeyCheck =
  | { readonly outcome: 'valid'; readonly key: ApiKeyRecord }
  | { readonly outcome: 'revoked'; readonly key: ApiKeyRecord }
  | { readonly outcome: 'unknown' };

/** A refusal of the key store (a taken name, an unknown key), phrased for the CLI. */
export class KeyStoreError extends Error {
  override readonly name = 'KeyStoreError';
}

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS api_keys (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  role       TEXT NOT NULL CHECK (role IN (${ROLES.map((r) => `'${r}'`).join(', ')})),
  hash       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
`;

interface Row {
  id: string;
  name: string;
  role: string;
  hash: string;
  created_at: string;
  revoked_at: string | null;
}

/**
 * API keys in a small SQLite file (`keys.sqlite` in the data folder, WAL), shared by the server,
 * which checks every request against it (so a revocation by the CLI holds from the next request),
 * and the CLI, which creates, lists and revokes keys.
 */
export class ApiKeyStore {
  private readonly db: Database.Database;
  private readonly byId: Database.Statement<[string], Row>;

  constructor(
    readonly file: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    mkdirSync(dirname(file), { recursive: true });
    // Create the file readable by its owner only; SQLite gives its -wal and -shm files the same mode.
    closeSync(openSync(file, 'a', 0o600));
    this.db = new Database(file);
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(SCHEMA);
    this.byId = this.db.prepare<[string], Row>('SELECT * FROM api_keys WHERE id = ?');
  }

  static inDataDir(dataDir: string, now?: () => Date): ApiKeyStore {
    return new ApiKeyStore(keysFileIn(dataDir), now);
  }

  /** Makes a key; the returned `key` is the only time it exists outside the client's hands. */
  create(name: string, role: string): { key: string; record: ApiKeyRecord } {
    if (!NAME_PATTERN.test(name) || name.startsWith(API_KEY_PREFIX)) {
      throw new KeyStoreError(
        `A key name is 1 to 64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit and not with "${API_KEY_PREFIX}"; got "${name}"`,
      );
    }
    if (!isRole(role)) {
      throw new KeyStoreError(`The role must be one of ${ROLES.join(', ')}; got "${role}"`);
    }
    return this.db
      .transaction(() => {
        if (this.findByName(name)) {
          throw new KeyStoreError(
            `A key named "${name}" exists already (names are never reused, even once revoked)`,
          );
        }
        let generated = generateApiKey();
        // 48-bit ids: a collision is practically impossible, but cheap to rule out.
        while (this.byId.get(generated.id)) generated = generateApiKey();
        const createdAt = this.now().toISOString();
        this.db
          .prepare('INSERT INTO api_keys (id, name, role, hash, created_at) VALUES (?, ?, ?, ?, ?)')
          .run(generated.id, name, role, generated.hash, createdAt);
        return {
          key: generated.key,
          record: { id: generated.id, name, role, createdAt, revokedAt: undefined },
        };
      })
      .immediate();
  }

  /** Revokes a key named by its id or its name; a second revocation changes nothing. */
  revoke(idOrName: string): { record: ApiKeyRecord; alreadyRevoked: boolean } {
    return this.db
      .transaction(() => {
        const row = this.byId.get(idOrName) ?? this.findByName(idOrName);
        if (!row) throw new KeyStoreError(`No key has the id or name "${idOrName}"`);
        if (row.revoked_at !== null) return { record: recordOf(row), alreadyRevoked: true };
        const revokedAt = this.now().toISOString();
        this.db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ?').run(revokedAt, row.id);
        return { record: { ...recordOf(row), revokedAt }, alreadyRevoked: false };
      })
      .immediate();
  }

  /** Every key, oldest first, without hashes. */
  list(): ApiKeyRecord[] {
    return this.db
      .prepare<[], Row>('SELECT * FROM api_keys ORDER BY created_at, id')
      .all()
      .map(recordOf);
  }

  /** Checks a presented key: looked up by its public id, then its hash compared in constant time. */
  check(presented: string): KeyCheck {
    if (!isWellFormedApiKey(presented)) return { outcome: 'unknown' };
    const row = this.byId.get(keyIdOf(presented));
    if (!row || !matchesHash(presented, row.hash)) return { outcome: 'unknown' };
    return { outcome: row.revoked_at === null ? 'valid' : 'revoked', key: recordOf(row) };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private findByName(name: string): Row | undefined {
    return this.db.prepare<[string], Row>('SELECT * FROM api_keys WHERE name = ?').get(name);
  }
}

function recordOf(row: Row): ApiKeyRecord {
  if (!isRole(row.role)) throw new Error(`keys.sqlite holds an unknown role "${row.role}"`);
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdAt: row.created_at,
    revokedAt: row.revoked_at ?? undefined,
  };
}
