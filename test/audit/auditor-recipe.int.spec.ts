import canonicalize from 'canonicalize';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryUnderTest } from '../support/registry-app';
import { OFFICE, SEALS, writeSealedLedger } from './ledger-fixture';

/**
 * AUDIT.md's recipe, followed literally and independently of the production code (node:crypto and
 * canonicalize only; nothing imported from src/audit), over an export taken from the HTTP API. The
 * Python block of AUDIT.md itself is run too when python3 is installed.
 */
const AUDIT_MD = readFileSync(join(__dirname, '..', '..', 'AUDIT.md'), 'utf8');
const PYTHON_BLOCK = /```python\n([\s\S]*?)```/.exec(AUDIT_MD)?.[1];
const JQ_BLOCK = /```sh\n(jq [\s\S]*?)```/.exec(AUDIT_MD)?.[1];

interface ExportedEvent {
  position: number;
  stream: string;
  revision: number;
  id: string;
  type: string;
  data: any;
  metadata: Record<string, string>;
  recordedAt: string;
}

const sha256 = (bytes: Buffer | string): Buffer => createHash('sha256').update(bytes).digest();

/** "The canonical form of an event", steps 1 to 4. */
function recipeHash(e: ExportedEvent): string {
  const { hash: _hash, ...metadata } = e.metadata;
  const form = {
    stream: e.stream,
    revision: e.revision,
    id: e.id,
    type: e.type,
    data: e.data,
    metadata,
  };
  return sha256(Buffer.from(canonicalize(form) as string, 'utf8')).toString('hex');
}

/** "The seals": level by level, an odd last node carried up unchanged. */
function recipeRoot(hashes: string[]): string {
  let level = hashes.map((h) => sha256(Buffer.concat([Buffer.from([0]), Buffer.from(h, 'hex')])));
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) {
      next.push(sha256(Buffer.concat([Buffer.from([1]), level[i], level[i + 1]])));
    }
    level = level.length % 2 === 1 ? [...next, level[level.length - 1]] : next;
  }
  return level[0].toString('hex');
}

/** "The chains" and "The seals": the failures, as `stream@revision: what`. */
function recipeCheck(events: ExportedEvent[]): string[] {
  const failures: string[] = [];
  const tips = new Map<string, { revision: number; hash: string }>();
  const seen: Array<{ position: number; hash: string }> = [];
  for (const e of events) {
    const hash = recipeHash(e);
    const tip = tips.get(e.stream) ?? { revision: -1, hash: '0'.repeat(64) };
    const at = `${e.stream}@${e.revision}`;
    if (hash !== e.metadata.hash) failures.push(`${at}: hash`);
    if (e.revision !== tip.revision + 1) failures.push(`${at}: revision`);
    if (e.metadata.previousHash !== tip.hash) failures.push(`${at}: previousHash`);
    if (e.stream === 'ledger-seals' && e.type === 'LedgerSealed') {
      const covered = seen.filter((x) => x.position <= e.data.upToPosition).map((x) => x.hash);
      if (covered.length !== e.data.eventCount || recipeRoot(covered) !== e.data.root) {
        failures.push(`${at}: seal root`);
      }
    }
    tips.set(e.stream, { revision: e.revision, hash: e.metadata.hash ?? '' });
    seen.push({ position: e.position, hash });
  }
  return failures;
}

const hasTool = (tool: string): boolean => spawnSync(tool, ['--version']).status === 0;

describe("AUDIT.md's recipe on an export of the audit feed", () => {
  let registry: RegistryUnderTest;
  let events: ExportedEvent[];
  let sealRoot: string;
  let dir: string;

  beforeAll(async () => {
    registry = await RegistryUnderTest.startWithPressRelease('sqlite');
    sealRoot = await writeSealedLedger(registry);
    events = [];
    for (let after = 0; ;) {
      const page = await registry.get(`/api/events?stored=true&after=${after}&limit=4`);
      if (page.body.items.length === 0) break;
      events.push(...page.body.items);
      after = page.body.next;
    }
    dir = mkdtempSync(join(tmpdir(), 'registry-audit-'));
  });
  afterAll(async () => {
    await registry?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const ndjson = (items: ExportedEvent[]): string =>
    items.map((e) => `${JSON.stringify(e)}\n`).join('');
  const edited = (): ExportedEvent[] =>
    events.map((e) =>
      e.stream === OFFICE && e.revision === 1
        ? { ...e, data: { ...e.data, until: '2099-12-31' } }
        : e,
    );

  it('recomputes every hash, chain and the seal of an untouched export', () => {
    expect(events).toHaveLength(11);
    expect(recipeCheck(events)).toEqual([]);
    const seal = events.find((e) => e.stream === SEALS)!;
    expect(seal.data).toMatchObject({ upToPosition: 9, eventCount: 9, root: sealRoot });
  });

  it('names the edited event, and the seal over it, in an export edited afterwards', () => {
    expect(recipeCheck(edited())).toEqual([`${OFFICE}@1: hash`, `${SEALS}@0: seal root`]);
  });

  it('names a reordering inside a stream', () => {
    const i = events.findIndex((e) => e.stream === OFFICE && e.revision === 1);
    const j = events.findIndex((e) => e.stream === OFFICE && e.revision === 2);
    const swapped = [...events];
    [swapped[i], swapped[j]] = [
      { ...events[j], position: events[i].position },
      { ...events[i], position: events[j].position },
    ];
    expect(recipeCheck(swapped)).toEqual(
      expect.arrayContaining([
        `${OFFICE}@2: revision`,
        `${OFFICE}@2: previousHash`,
        `${SEALS}@0: seal root`,
      ]),
    );
  });

  const python = PYTHON_BLOCK !== undefined && hasTool('python3') ? it : it.skip;
  if (python === it.skip)
    process.stdout.write('AUDIT.md Python block: python3 not found, SKIPPED\n');

  python(
    'runs the Python block of AUDIT.md: OK on the export, the edited event named on a copy',
    () => {
      const script = join(dir, 'verify.py');
      writeFileSync(script, PYTHON_BLOCK!);
      const ok = spawnSync('python3', [script], { input: ndjson(events), encoding: 'utf8' });
      expect(ok.stderr).toBe('');
      expect(ok.stdout).toBe('OK: 11 events\n');
      expect(ok.status).toBe(0);
      const bad = spawnSync('python3', [script], { input: ndjson(edited()), encoding: 'utf8' });
      expect(bad.status).toBe(1);
      expect(bad.stdout).toContain(`FAIL ${OFFICE} revision 1 (position 5): hash\n`);
      expect(bad.stdout).toContain('FAIL ledger-seals revision 0 (position 10): seal root\n');
    },
  );

  const jq = JQ_BLOCK !== undefined && hasTool('jq') && hasTool('sha256sum') ? it : it.skip;
  jq('hashes one event with the jq line of AUDIT.md', () => {
    writeFileSync(join(dir, 'export.ndjson'), ndjson(events));
    const command = JQ_BLOCK!
      .replace(/\\\n\s*/g, ' ')
      .replace(/#.*$/m, '')
      .trim();
    const out = spawnSync('sh', ['-c', command], { cwd: dir, encoding: 'utf8' });
    expect(out.stdout.split(' ')[0]).toBe(events.find((e) => e.position === 5)!.metadata.hash);
  });
});
