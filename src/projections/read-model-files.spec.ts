import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  currentReadModelsFile,
  partFileName,
  READ_MODELS_POINTER,
  readModelFileNames,
  setCurrentReadModelsFile,
} from './read-model-files';

describe('read-model file names', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'registry-pointer-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names each part’s file after the main one', () => {
    expect(partFileName('read-models.sqlite')).toBe('read-models.sqlite');
    expect(partFileName('read-models.sqlite', 'audit')).toBe('read-models.audit.sqlite');
    expect(readModelFileNames('read-models.20261129T040000000Z.sqlite')).toEqual([
      'read-models.20261129T040000000Z.sqlite',
      'read-models.20261129T040000000Z.audit.sqlite',
    ]);
  });

  it('reads the pointer, or the default without one', () => {
    expect(currentReadModelsFile(dir)).toBe('read-models.sqlite');
    setCurrentReadModelsFile(dir, 'read-models.20261129T040000000Z.sqlite');
    expect(readFileSync(join(dir, READ_MODELS_POINTER), 'utf8')).toBe(
      'read-models.20261129T040000000Z.sqlite\n',
    );
    expect(currentReadModelsFile(dir)).toBe('read-models.20261129T040000000Z.sqlite');
  });

  it.each([
    ['../events.sqlite'],
    ['read-models.sqlite.bak'],
    ['read-models.audit.sqlite'],
    ['read-models.20261129T040000000Z.audit.sqlite'],
  ])('refuses a pointer naming %s, a part’s file included', (name) => {
    writeFileSync(join(dir, READ_MODELS_POINTER), `${name}\n`);
    expect(() => currentReadModelsFile(dir)).toThrow(
      `must name a read-models*.sqlite file in the same folder, not a part's (*.audit.sqlite); got "${name}"`,
    );
    expect(() => setCurrentReadModelsFile(dir, name)).toThrow(
      `Not a main read-model file name: ${name}`,
    );
  });
});
