import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyLedger } from '../../src/audit/verify/ledger-verifier';
import type { VerificationReport } from '../../src/audit/verify/verification-report';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { RegistryUnderTest } from '../support/registry-app';
import { exited, spawnTs } from '../support/child-process';

export const OFFICE = 'field-operation-office-in-minsk';
export const AMG = 'field-operation-advisory-and-monitoring-group-in-belarus';
export const BELARUS = 'participating-state-belarus';
export const SEALS = 'ledger-seals';

/**
 * A small real ledger, written through the HTTP API: the bundled press release (6 events), a head
 * appointed and a mandate extended for the Office, Austria admitted (positions 7-9), a seal on
 * demand (position 10, covering 1-9), then one more head (position 11, unsealed).
 */
export async function writeSealedLedger(registry: RegistryUnderTest): Promise<string> {
  const post = async (path: string, body: unknown): Promise<void> => {
    const response = await registry.post(path, body);
    if (response.status >= 300) throw new Error(`${path}: ${JSON.stringify(response.body)}`);
  };
  await post('/api/field-operations/office-in-minsk/heads', {
    name: 'Eberhard Heyken',
    from: '2003-01',
  });
  await post('/api/field-operations/office-in-minsk/mandate-extensions', {
    decision: 'PC.DEC/526',
    until: '2004-12-31',
  });
  await post('/api/participating-states', {
    id: 'austria',
    name: 'Austria',
    admittedOn: '1973-06-25',
  });
  const sealed = await registry.post('/api/audit/seals', {});
  if (sealed.status !== 201) throw new Error(`seal: ${JSON.stringify(sealed.body)}`);
  await post('/api/field-operations/office-in-minsk/heads', {
    name: 'Ake Peterson',
    from: '2004-01',
  });
  return sealed.body.seal.root as string;
}

/** The same ledger in a data folder, the app closed so the SQLite file is whole (no WAL left). */
export async function recordSealedLedger(): Promise<{ dataDir: string; sealRoot: string }> {
  const registry = await RegistryUnderTest.startWithPressRelease('sqlite');
  const sealRoot = await writeSealedLedger(registry);
  await registry.app.close();
  return { dataDir: registry.config.dataDir, sealRoot };
}

/** A copy of the ledger's event file in a fresh folder, for one tampering. */
export function copyLedger(dataDir: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'registry-tamper-'));
  for (const suffix of ['', '-wal']) {
    const file = join(dataDir, `events.sqlite${suffix}`);
    if (existsSync(file)) copyFileSync(file, join(copy, `events.sqlite${suffix}`));
  }
  return copy;
}

export interface EventRow {
  position: number;
  id: string;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: number;
}

/** Opens a copy's file directly, as someone with write access to the disk would. */
export function tamper(dataDir: string, change: (db: Database.Database) => void): void {
  const db = new Database(join(dataDir, 'events.sqlite'));
  try {
    db.transaction(() => change(db))();
  } finally {
    db.close();
  }
}

export function rowAt(db: Database.Database, stream: string, revision: number): EventRow {
  const row = db
    .prepare('SELECT * FROM events WHERE stream = ? AND revision = ?')
    .get(stream, revision) as EventRow | undefined;
  if (!row) throw new Error(`No ${stream}@${revision}`);
  return row;
}

export function insertRow(db: Database.Database, row: EventRow): void {
  db.prepare(
    'INSERT INTO events (position, id, stream, revision, type, data, metadata, recorded_at) VALUES (@position, @id, @stream, @revision, @type, @data, @metadata, @recorded_at)',
  ).run(row);
}

/** Verifies the event file in `dataDir` through the production verifier, on the raw SQLite store. */
export async function verifyCopy(dataDir: string): Promise<VerificationReport> {
  const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
  try {
    return await verifyLedger(store);
  } finally {
    await store.close();
  }
}

export function removeDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** `npm run cli -- <args>` on a data folder: exit code and output. */
export async function cli(
  dataDir: string,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnTs('src/cli/main.ts', args, {
    REGISTRY_DATA_DIR: dataDir,
    EVENT_STORE: 'sqlite',
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await exited(child);
  return { code, stdout, stderr };
}
