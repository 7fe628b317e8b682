import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AMG, cli, copyLedger, recordSealedLedger, removeDir, tamper } from './ledger-fixture';

describe('CLI: verify and seal on the embedded store', () => {
  let ledger: string;
  const copies: string[] = [];
  const copy = (): string => {
    const dir = copyLedger(ledger);
    copies.push(dir);
    return dir;
  };

  beforeAll(async () => {
    ({ dataDir: ledger } = await recordSealedLedger());
  });
  afterAll(() => [ledger, ...copies].forEach(removeDir));

  it('verify exits 0 and says OK on an untouched store', async () => {
    const { code, stdout, stderr } = await cli(copy(), 'verify');
    expect(stderr).toBe('');
    expect(stdout).toMatch(
      /^OK: 11 events in 6 streams, 1 seals verified; last seal covers positions <= 9/,
    );
    expect(code).toBe(0);
  });

  it('verify and seal refuse a data folder without an event log, and create nothing there', async () => {
    const missing = join(copy(), 'typo');
    for (const command of ['verify', 'seal']) {
      const { code, stdout, stderr } = await cli(missing, command);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toBe(
        `No event log at ${join(missing, 'events.sqlite')}: REGISTRY_DATA_DIR must name a registry's data folder (start the registry or import into it first)\n`,
      );
    }
    expect(existsSync(missing)).toBe(false);
  });

  it('verify exits 2 and names the edited stream and revision', async () => {
    const dir = copy();
    tamper(dir, (db) =>
      db
        .prepare(
          "UPDATE events SET data = json_set(data, '$.closedOn', '2003-06-30') WHERE stream = ? AND revision = 1",
        )
        .run(AMG),
    );
    const { code, stdout } = await cli(dir, 'verify');
    expect(code).toBe(2);
    expect(stdout).toContain(`FAILED: stream ${AMG} revision 1 (position 6`);
    expect(stdout).toContain('hash-mismatch');
    expect(stdout).toMatch(/seal ledger-seals@0 .*seal-mismatch/);

    const json = await cli(dir, 'verify', '--json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      firstFailure: { stream: AMG, revision: 1 },
    });
  });

  it('seal records a second seal over everything, which verify then checks', async () => {
    const dir = copy();
    const sealed = await cli(dir, 'seal', '--reason', 'year-end audit');
    expect(sealed.code).toBe(0);
    expect(sealed.stdout).toMatch(
      /^Sealed 11 events up to position 11: root [0-9a-f]{64} \(ledger-seals@1, position 12\)\n$/,
    );
    const again = await cli(dir, 'seal');
    expect(again.stdout).toMatch(
      /^Nothing new since the last seal, which covers 11 events up to position 11/,
    );
    const verified = await cli(dir, 'verify', '--json');
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({
      ok: true,
      sealsChecked: 2,
      lastSeal: { upToPosition: 11, eventCount: 11, revision: 1 },
      unsealedEvents: 1,
    });
  });
});
