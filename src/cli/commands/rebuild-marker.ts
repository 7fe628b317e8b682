import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  isMainFileName,
  readModelFileNames,
  writeFileAtomically,
} from '../../projections/read-model-files';

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

/** A marker file that does not name a build this version can continue. */
export class UnreadableMarker extends Error {
  override readonly name = 'UnreadableMarker';
}

/**
 * The unfinished build the data folder's marker names, if any. Its file names are checked (main
 * read-model files in the folder, never a part's or a path elsewhere) before anything is opened
 * or removed by them.
 */
export function readMarker(dataDir: string): RebuildMarker | undefined {
  const path = join(dataDir, REBUILD_MARKER);
  if (!existsSync(path)) return undefined;
  let marker: Partial<RebuildMarker> | null;
  try {
    marker = JSON.parse(readFileSync(path, 'utf8')) as Partial<RebuildMarker> | null;
  } catch (error) {
    throw unreadable(path, error instanceof Error ? error.message : String(error));
  }
  const names = (name: unknown): boolean => typeof name === 'string' && isMainFileName(name);
  if (
    typeof marker !== 'object' ||
    marker === null ||
    !names(marker.file) ||
    !names(marker.basedOn) ||
    (marker.projection !== null && typeof marker.projection !== 'string') ||
    (marker.stage !== 'copying' && marker.stage !== 'building') ||
    typeof marker.startedAt !== 'string'
  ) {
    throw unreadable(path, 'not a marker of a rebuild into read-models*.sqlite files');
  }
  return marker as RebuildMarker;
}

function unreadable(path: string, reason: string): UnreadableMarker {
  return new UnreadableMarker(
    `${path} cannot be read (${reason}): run \`rebuild --restart\` to discard it and start again`,
  );
}

export function writeMarker(dataDir: string, marker: RebuildMarker): void {
  writeFileAtomically(join(dataDir, REBUILD_MARKER), `${JSON.stringify(marker, null, 2)}\n`);
}

export function removeMarker(dataDir: string): void {
  rmSync(join(dataDir, REBUILD_MARKER), { force: true });
}

/**
 * Removes the read-model files named `file` (the main one and each part's) with their WAL and
 * shared-memory companions.
 */
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
