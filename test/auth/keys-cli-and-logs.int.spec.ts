import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exited, onLines, spawnTs } from '../support/child-process';

/** `npm run cli -- <args>` on a data folder: exit code and output. */
async function cli(dataDir: string, ...args: string[]) {
  const child = spawnTs('src/cli/main.ts', args, { REGISTRY_DATA_DIR: dataDir });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  return { code, stdout, stderr };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The CLI makes and revokes keys in the data folder of a real `src/main.ts` server, which logs
 * with Nest's default logger to stdout and stderr: every line is captured and searched for keys.
 */
describe('keys CLI beside a running server, whose logs never show a key', () => {
  let dir: string;
  let server: ChildProcess;
  let base: string;
  let log = '';
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'registry-keys-cli-'));
    for (const [name, role] of [
      ['ci-bot', 'recorder'],
      ['old-bot', 'recorder'],
      ['eve', 'auditor'],
    ]) {
      const created = await cli(dir, 'keys', 'create', '--name', name, '--role', role);
      expect(created.code).toBe(0);
      expect(created.stdout).toMatch(/^reg_[A-Za-z0-9_-]{43}\n$/);
      expect(created.stderr).toContain(`"${name}" with the role ${role}`);
      expect(created.stderr).toContain('shown this once');
      keys[name] = created.stdout.trim();
    }
    const port = await freePort();
    server = spawnTs('src/main.ts', [], {
      PORT: String(port),
      REGISTRY_DATA_DIR: dir,
      REGISTRY_SEED: 'none',
      NO_COLOR: '1',
    });
    onLines(server.stderr!, (line) => (log += `${line}\n`));
    await new Promise<void>((resolve, reject) => {
      onLines(server.stdout!, (line) => {
        log += `${line}\n`;
        if (line.includes('Serving on')) resolve();
      });
      void exited(server).then((code) => reject(new Error(`server exited ${code}: ${log}`)));
    });
    base = `http://127.0.0.1:${port}`;
  }, 90_000);

  afterAll(async () => {
    server?.kill('SIGTERM');
    if (server) await exited(server);
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (key: string | undefined, body: object) =>
    fetch(`${base}/api/participating-states`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      body: JSON.stringify(body),
    });

  it('lists keys by id, name and role, never the keys', async () => {
    const { code, stdout } = await cli(dir, 'keys', 'list');
    expect(code).toBe(0);
    for (const [name, key] of Object.entries(keys)) {
      expect(stdout).toMatch(new RegExp(`${key.slice(0, 12)}\\s+${name}\\s+(recorder|auditor)`));
      expect(stdout).not.toContain(key.slice(12));
    }
    const json = JSON.parse((await cli(dir, 'keys', 'list', '--json')).stdout);
    expect(json.map((k: { name: string }) => k.name)).toEqual(['ci-bot', 'old-bot', 'eve']);
    expect(JSON.stringify(json)).not.toMatch(/reg_[A-Za-z0-9_-]{43}/);
  });

  it('refuses a taken name and an unknown role, and revoking an unknown key, with exit 1', async () => {
    expect((await cli(dir, 'keys', 'create', '--name', 'ci-bot', '--role', 'reader')).code).toBe(1);
    const role = await cli(dir, 'keys', 'create', '--name', 'x', '--role', 'admin');
    expect(role.code).toBe(1);
    expect(role.stderr).toContain('recorder, auditor, reader');
    expect((await cli(dir, 'keys', 'revoke', 'nobody')).code).toBe(1);
  });

  it('writes with a CLI-made key; a key revoked by the CLI fails from the next request', async () => {
    expect((await post(keys['ci-bot'], { id: 'a', name: 'A', admittedOn: '1992' })).status).toBe(
      201,
    );
    expect((await post(keys['old-bot'], { id: 'b', name: 'B', admittedOn: '1992' })).status).toBe(
      201,
    );
    const revoked = await cli(dir, 'keys', 'revoke', keys['old-bot'].slice(0, 12));
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain('Revoked API key');
    const refused = await post(keys['old-bot'], { id: 'c', name: 'C', admittedOn: '1992' });
    expect(refused.status).toBe(401);
    expect(await refused.text()).not.toContain(keys['old-bot']);
    const feed = await fetch(`${base}/api/events?limit=10`);
    const actors = (
      (await feed.json()) as { items: Array<{ metadata: { actor: string } }> }
    ).items.map((e) => e.metadata.actor);
    expect(actors).toEqual(['key:ci-bot', 'key:old-bot']);
  });

  it('logs no key, whatever the request: valid, revoked, mistyped, wrong role, failing', async () => {
    const mistyped = keys['ci-bot'].slice(0, -1) + (keys['ci-bot'].endsWith('x') ? 'y' : 'x');
    await post(keys['ci-bot'], { id: 'a', name: 'A', admittedOn: '1992' }); // 409
    await post(keys['ci-bot'], { id: 'd', name: 'D', admittedOn: 'yesterday' }); // 422
    await post(keys['old-bot'], { id: 'e', name: 'E', admittedOn: '1992' }); // 401, revoked
    await post(mistyped, { id: 'f', name: 'F', admittedOn: '1992' }); // 401
    await post(keys.eve, { id: 'g', name: 'G', admittedOn: '1992' }); // 403
    await fetch(`${base}/api/audit/verification`, {
      headers: { authorization: `Bearer ${keys.eve}` },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The capture works: the revoked key's use is logged, by its public id and name.
    expect(log).toContain(`Refused the revoked API key ${keys['old-bot'].slice(0, 12)} ("old-bot"`);
    for (const key of [...Object.values(keys), mistyped]) {
      expect(log).not.toContain(key);
      expect(log).not.toContain(key.slice(12));
    }
  });
});
