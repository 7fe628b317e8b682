import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from '../../projections/read-model-files';

/** Names the unfinished rebuild in a data folder, so the next `rebuild` continues it. */
export const REBUILD_MARKER = 'read-models.rebuild.json';

export interface RebuildMarker {
  /** The new read-model file being built (in the data folder). */
  readonly file: string;
  /** The one projection being rebuilt, or null for all of them. */
  readonly projection: string | null;
  /** `copying`: the live file is still to be copied (one projection only); then `building`. */
  readonly stage: 'copying' | 'building';
  readonly startedAt: string;
  /** The read-model file that was live when the rebuild started. */
  readonly basedOn: string;
}

export function readMarker(dataDir: string): RebuildMarker | undefined {
  const path = join(dataDir, REBUILD_MARKER);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as RebuildMarker) : undefined;
}

export function writeMarker(dataDir: string, marker: RebuildMarker): void {
  writeFileAtomically(join(dataDir, REBUILD_MARKER), `${JSON.stringify(marker, null, 2)}\n`);
}

export function removeMarker(dataDir: string): void {
  rmSync(join(dataDir, REBUILD_MARKER), { force: true });
}

/** Removes a read-model file with its WAL and shared-memory companions. */
export function removeReadModelFile(dataDir: string, file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, file + suffix), { force: true });
}

/** `read-models.20260512T101500123Z.sqlite`: sorts by time, never the live file's name. */
export function newReadModelFileName(now = new Date()): string {
  return `read-models.${now.toISOString().replace(/[-:.]/g, '')}.sqlite`;
}
