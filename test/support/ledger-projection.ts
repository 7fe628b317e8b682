import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../src/event-store/event-store.port';
import type { Projection } from '../../src/projections/projection';

/**
 * A test projection that records every position it applies under a primary key, so applying an
 * event twice fails loudly and a skipped one shows as a gap. `applied` counts calls in this process.
 */
export class LedgerProjection implements Projection {
  applied = 0;
  /** Calls of `forget`. */
  forgotten = 0;

  /** `name` is also the table's, so that several ledgers can share a database. */
  constructor(
    private readonly slowMs = 0,
    readonly name = 'ledger',
  ) {}

  setup(db: Database.Database): void {
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${this.name} (position INTEGER PRIMARY KEY, stream TEXT NOT NULL)`,
    );
  }

  forget(): void {
    this.forgotten += 1;
  }

  apply(db: Database.Database, event: RecordedEvent): void {
    if (this.slowMs > 0) {
      const until = Date.now() + this.slowMs;
      while (Date.now() < until) {
        /* simulate work inside the batch transaction */
      }
    }
    db.prepare(`INSERT INTO ${this.name} (position, stream) VALUES (?, ?)`).run(
      event.position,
      event.stream,
    );
    this.applied += 1;
  }
}

export function ledgerPositions(db: Database.Database, name = 'ledger'): bigint[] {
  return db
    .prepare<[], { position: bigint }>(`SELECT position FROM ${name} ORDER BY position`)
    .safeIntegers(true)
    .all()
    .map((r) => r.position);
}
