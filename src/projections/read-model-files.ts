import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The read-model file used when no pointer names another. */
export const DEFAULT_READ_MODELS_FILE = 'read-models.sqlite';
/** Names the read-model file the API serves from; a rebuild switches by rewriting it. */
export const READ_MODELS_POINTER = 'read-models.current';

/**
 * The read models live in more than one SQLite file, so that they can be projected on more than
 * one core (SQLite has one writer per file): the main file, named by the pointer, and one file per
 * part beside it, `<main name without .sqlite>.<part>.sqlite`. A projection names its part
 * (`Projection.part`); each file has its own connection, engine and checkpoints, and readers query
 * the file holding their tables. `audit`: the decisions and the audit index, a third of the work
 * of projecting the log, whose readers never join the field operations' tables.
 */
export const READ_MODEL_PARTS = ['audit'] as const;
export type ReadModelPart = (typeof READ_MODEL_PARTS)[number];

const FILE_NAME = /^read-models[\w.-]*\.sqlite$/;
/** A part's file, which the pointer cannot name: opened as a main file, it would lose its tables. */
const PART_FILE_NAME = new RegExp(`\\.(?:${READ_MODEL_PARTS.join('|')})\\.sqlite$`);

/** Whether `name` may name the read models: a main file, not a part's. */
export function isMainFileName(name: string): boolean {
  return FILE_NAME.test(name) && !PART_FILE_NAME.test(name);
}

/** The file of `part` beside the main read-model file `name` (`name` itself for the main part). */
export function partFileName(name: string, part?: ReadModelPart): string {
  return part === undefined ? name : `${name.replace(/\.sqlite$/, '')}.${part}.sqlite`;
}

/** Every file of the read models named `name`: the main file first, then each part's. */
export function readModelFileNames(name: string): string[] {
  return [name, ...READ_MODEL_PARTS.map((part) => partFileName(name, part))];
}

/** The name (not the path) of the read-model file in force in `dataDir`. */
export function currentReadModelsFile(dataDir: string): string {
  const pointer = join(dataDir, READ_MODELS_POINTER);
  if (!existsSync(pointer)) return DEFAULT_READ_MODELS_FILE;
  const name = readFileSync(pointer, 'utf8').trim();
  if (!isMainFileName(name)) {
    throw new Error(
      `${pointer} must name a read-models*.sqlite file in the same folder, not a part's (*.${READ_MODEL_PARTS.join('|')}.sqlite); got "${name}"`,
    );
  }
  return name;
}

/** Points every API process on `dataDir` at `name`; the rename makes the change atomic. */
export function setCurrentReadModelsFile(dataDir: string, name: string): void {
  if (!isMainFileName(name)) throw new Error(`Not a main read-model file name: ${name}`);
  writeFileAtomically(join(dataDir, READ_MODELS_POINTER), `${name}\n`);
}

export function writeFileAtomically(path: string, content: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}
