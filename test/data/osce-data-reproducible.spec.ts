import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../scripts/normalise-osce-data';
import { normalise, readSource } from '../../scripts/osce-data/normalise';
import { DATA_DIR, GENERATED_FILES, operations, REPO, SHARED_SOURCE } from './osce-data';

const TITLE = 'data/osce is what the converter makes of ../shared/data/osce';
// Skipped (and said so in the suite's title) only where ../shared/data/osce is not beside the
// project: CI and every developer machine have it; the committed files are then checked as is.
const describeWithSource = (body: () => void): void =>
  existsSync(SHARED_SOURCE)
    ? describe(TITLE, body)
    : // Reason, also in the title: no ../shared/data/osce here to regenerate the data from.
      describe.skip(
        `${TITLE} [skipped: ${SHARED_SOURCE} is absent, nothing to regenerate from]`,
        body,
      );

describeWithSource(() => {
  let out: string;

  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'osce-data-'));
    execFileSync(
      process.execPath,
      ['-r', '@swc-node/register', 'scripts/normalise-osce-data.ts', SHARED_SOURCE, out],
      { cwd: REPO, stdio: 'pipe' },
    );
  }, 60_000);

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes exactly the committed files', () => {
    expect(readdirSync(out).sort()).toEqual([...GENERATED_FILES].sort());
    const committed = readdirSync(DATA_DIR).filter((f) => f.endsWith('.json'));
    expect(committed.sort()).toEqual([...GENERATED_FILES].sort());
  });

  it.each(GENERATED_FILES)('%s is reproduced byte for byte', (file) => {
    const regenerated = readFileSync(join(out, file));
    const committed = readFileSync(join(DATA_DIR, file));
    expect(regenerated.equals(committed)).toBe(true);
  });

  it('writes the same files when run in process', () => {
    const again = mkdtempSync(join(tmpdir(), 'osce-data-'));
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      main([SHARED_SOURCE, again]);
      for (const file of GENERATED_FILES) {
        expect(readFileSync(join(again, file)).equals(readFileSync(join(out, file)))).toBe(true);
      }
    } finally {
      log.mockRestore();
      rmSync(again, { recursive: true, force: true });
    }
  });

  it('gives the same output when run twice in one process', () => {
    const { data, raw } = readSource(SHARED_SOURCE);
    const first = normalise(data, raw);
    expect(normalise(data, raw)).toEqual(first);
  });

  it('keeps every operation id exactly as the source has it, in the source order', () => {
    const source = JSON.parse(
      readFileSync(join(SHARED_SOURCE, 'field_operations.json'), 'utf8'),
    ) as Array<{ id: string }>;
    expect(operations.map((o) => o.id)).toEqual(source.map((o) => o.id));
  });
});
