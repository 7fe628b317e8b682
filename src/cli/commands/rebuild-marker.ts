import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readModelFileNames, writeFileAtomically } from '../../projections/read-model-files';

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

/** Removes the read-model files named `file` (the main one and each part's) with their WAL and shared-memory companions. */
export function removeReadModelFile(dataDir: string, file: string): void {
  for (const name of readModelFileNames(file)) {
    for (const suffix of ['', '-wal', '-shm'])
      rmSync(join(dataDir, name + suffix), { force: true });
  }
}

/** `read-models.20260512T101500123Z.sqlite`: sorts by time, never the live file's name. */
export function newReadModelFileName(now = new Date()): string {
  return `read-models.${now.toISOString().replace(/[-:.]/g, '')}.sqlite`;
}
