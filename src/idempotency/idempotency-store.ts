import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** The answer kept for a key: replayed as it was (status, the headers that matter, the body sent). */
export interface StoredResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type Claim =
  | {
      readonly kind: 'claimed';
      /**
       * Present when the key was claimed before by the same request whose answer never came (its
       * server died, or could not keep the answer): that attempt may have recorded events, after
       * `after` (undefined: from the start of the log), which the caller must look for before
       * running the command again.
       */
      readonly lapsed?: { readonly after: bigint | undefined };
    }
  | { readonly kind: 'replay'; readonly response: StoredResponse }
  | { readonly kind: 'reused' }
  | { readonly kind: 'in-flight' };

export interface IdempotencyStoreOptions {
  /** How long a completed answer is kept and replayed (default 24 h). */
  readonly ttlMs?: number;
  /**
   * How long a claimed key counts as in flight before it may be claimed again (default 60 s): the
   * claim of a process that died mid-request, or of a request whose end was never seen, lapses.
   */
  readonly leaseMs?: number;
  readonly now?: () => number;
}

export const DEFAULT_IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_IDEMPOTENCY_LEASE_MS = 60 * 1000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS idempotency_keys (
  principal   TEXT    NOT NULL,
  key         TEXT    NOT NULL,
  fingerprint TEXT    NOT NULL,
  state       TEXT    NOT NULL CHECK (state IN ('in-flight', 'done')),
  owner       TEXT    NOT NULL,
  claimed_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  status      INTEGER,
  headers     TEXT,
  body        TEXT,
  log_head    TEXT,
  PRIMARY KEY (principal, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idempotency_keys_expiry ON idempotency_keys (expires_at);`;

/** Files made before `log_head` existed get it (NULL on their rows: look from the start). */
const LOG_HEAD_COLUMN = 'ALTER TABLE idempotency_keys ADD COLUMN log_head TEXT';

interface Row {
  fingerprint: string;
  state: 'in-flight' | 'done';
  owner: string;
  claimed_at: number;
  expires_at: number;
  status: number | null;
  headers: string | null;
  body: string | null;
  log_head: string | null;
}

/**
 * Idempotency keys and the answers they got, in `idempotency.sqlite` beside the event store.
 * Keys are scoped per principal. A claim is atomic across processes sharing the file (one
 * `BEGIN IMMEDIATE` transaction), and `synchronous=FULL`: an answer given is not forgotten by a
 * power cut, or a retry could record the command again.
 */
export class IdempotencyStore {
  /** Marks this process's claims, so that it completes or releases only its own. */
  readonly owner = randomUUID();
  private readonly db: Database.Database;
  private readonly ttlMs: number;
  private readonly leaseMs: number;
  private readonly now: () => number;

  constructor(file: string, options: IdempotencyStoreOptions = {}) {
    this.ttlMs = options.ttlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS;
    this.leaseMs = options.leaseMs ?? DEFAULT_IDEMPOTENCY_LEASE_MS;
    this.now = options.now ?? Date.now;
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    const columns = this.db.pragma('table_info(idempotency_keys)') as { name: string }[];
    if (!columns.some((column) => column.name === 'log_head')) this.db.exec(LOG_HEAD_COLUMN);
    this.purgeExpired();
  }

  /**
   * Claims `key` for a request with this fingerprint, or says what became of it before.
   * `logHead` is the event log's head position now (undefined: empty), where events this request
   * records would start: kept with the claim for a retry after a lost answer (`lapsed`).
   */
  claim(principal: string, key: string, fingerprint: string, logHead?: bigint): Claim {
    return this.db
      .transaction((): Claim => {
        const now = this.now();
        const row = this.db
          .prepare<[string, string], Row>(
            'SELECT * FROM idempotency_keys WHERE principal = ? AND key = ?',
          )
          .get(principal, key);
        if (row && !this.isVacant(row, now)) {
          if (row.fingerprint !== fingerprint) return { kind: 'reused' };
          if (row.state === 'in-flight') return { kind: 'in-flight' };
          return { kind: 'replay', response: responseOf(row) };
        }
        // The same request, claimed before and never answered: it may have written after the
        // head it saw, so that head is kept for the next lapse too.
        const lapsed =
          row !== undefined &&
          row.state === 'in-flight' &&
          row.fingerprint === fingerprint &&
          row.expires_at > now;
        const head = lapsed ? row.log_head : logHead === undefined ? null : String(logHead);
        this.db
          .prepare(
            `INSERT INTO idempotency_keys
               (principal, key, fingerprint, state, owner, claimed_at, expires_at, log_head)
             VALUES (?, ?, ?, 'in-flight', ?, ?, ?, ?)
             ON CONFLICT (principal, key) DO UPDATE SET
               fingerprint = excluded.fingerprint, state = 'in-flight', owner = excluded.owner,
               claimed_at = excluded.claimed_at, expires_at = excluded.expires_at,
               status = NULL, headers = NULL, body = NULL, log_head = excluded.log_head`,
          )
          .run(principal, key, fingerprint, this.owner, now, now + this.ttlMs, head);
        if (!lapsed) return { kind: 'claimed' };
        return { kind: 'claimed', lapsed: { after: head === null ? undefined : BigInt(head) } };
      })
      .immediate();
  }

  /** Keeps the answer to a claimed key, to replay it until the key expires. */
  complete(principal: string, key: string, response: StoredResponse): void {
    this.db
      .prepare(
        `UPDATE idempotency_keys SET state = 'done', status = ?, headers = ?, body = ?, expires_at = ?
         WHERE principal = ? AND key = ? AND owner = ? AND state = 'in-flight'`,
      )
      .run(
        response.status,
        JSON.stringify(response.headers),
        response.body,
        this.now() + this.ttlMs,
        principal,
        key,
        this.owner,
      );
  }

  /** Gives a claimed key up (the request failed): a retry may run the command again. */
  release(principal: string, key: string): void {
    this.db
      .prepare(
        `DELETE FROM idempotency_keys
         WHERE principal = ? AND key = ? AND owner = ? AND state = 'in-flight'`,
      )
      .run(principal, key, this.owner);
  }

  /**
   * Gives a claimed key up as if its lease had run out (the request failed in a way that may
   * have come after its events were recorded, a 5xx): the next retry looks for them at once
   * (`lapsed`) before it runs the command again.
   */
  abandon(principal: string, key: string): void {
    this.db
      .prepare(
        `UPDATE idempotency_keys SET claimed_at = ?
         WHERE principal = ? AND key = ? AND owner = ? AND state = 'in-flight'`,
      )
      .run(this.now() - this.leaseMs, principal, key, this.owner);
  }

  /** Forgets every key past its expiry; returns how many. */
  purgeExpired(): number {
    return this.db.prepare('DELETE FROM idempotency_keys WHERE expires_at <= ?').run(this.now())
      .changes;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Expired, or claimed by a request that has not finished within the lease (its server died). */
  private isVacant(row: Row, now: number): boolean {
    if (row.expires_at <= now) return true;
    return row.state === 'in-flight' && row.claimed_at + this.leaseMs <= now;
  }
}

function responseOf(row: Row): StoredResponse {
  return {
    status: row.status ?? 200,
    headers: JSON.parse(row.headers ?? '{}') as Record<string, string>,
    body: row.body ?? '',
  };
}
