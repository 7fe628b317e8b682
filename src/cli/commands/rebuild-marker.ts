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
  /**
   * The boot of the machine the files are written on in bulk (without fsync, see
   * `ReadModelFileOptions.bulk`; Linux's boot id): a resume on another boot finds them torn
   * unless they were finished. Absent: written in WAL mode (no boot id to be had, or a marker
   * of an earlier version).
   */
  readonly bootId?: string;
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
    typeof marker.startedAt !== 'string' ||
    (marker.bootId !== undefined && typeof marker.bootId !== 'string')
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
 * This boot of the machine (Linux's boot id), undefined where there is none to read: the
 * rebuild then writes its files in WAL mode, never in bulk.
 */
export function currentBootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Removes the read-model files named `file` (the main one and each part's) with their WAL,
 * shared-memory and rollback-journal companions.
 */
export function removeReadModelFile(dataDir: string, file: string): void {
  for (const name of readModelFileNames(file)) {
    for (const suffix of ['', '-wal', '-shm', '-journal'])
      rmSync(join(dataDir, name + suffix), { force: true });
  }
}

/** `read-models.20260512T101500123Z.sqlite`: sorts by time, never the live file's name. */
export function newReadModelFileName(now = new Date()): string {
  return `read-models.${now.toISOString().replace(/[-:.]/g, '')}.sqlite`;
}
