import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The read-model file used when no pointer names another. */
export const DEFAULT_READ_MODELS_FILE = 'read-models.sqlite';
/** Names the read-model file the API serves from; a rebuild switches by rewriting it. */
export const READ_MODELS_POINTER = 'read-models.current';

const FILE_NAME = /^read-models[\w.-]*\.sqlite$/;

/** The name (not the path) of the read-model file in force in `dataDir`. */
export function currentReadModelsFile(dataDir: string): string {
  const pointer = join(dataDir, READ_MODELS_POINTER);
  if (!existsSync(pointer)) return DEFAULT_READ_MODELS_FILE;
  const name = readFileSync(pointer, 'utf8').trim();
  if (!FILE_NAME.test(name)) {
    throw new Error(
      `${pointer} must name a read-models*.sqlite file in the same folder; got "${name}"`,
    );
  }
  return name;
}

/** Points every API process on `dataDir` at `name`; the rename makes the change atomic. */
export function setCurrentReadModelsFile(dataDir: string, name: string): void {
  if (!FILE_NAME.test(name)) throw new Error(`Not a read-model file name: ${name}`);
  writeFileAtomically(join(dataDir, READ_MODELS_POINTER), `${name}\n`);
}

export function writeFileAtomically(path: string, content: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}
