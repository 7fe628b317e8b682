import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { exited, spawnTs } from '../../support/child-process';

/** A port that was free a moment ago (the server is told it; PORT=0 would not say which it took). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The real server (`src/main.ts`) in a child process, on SQLite in `dataDir`. */
export class ServerProcess {
  private output = '';

  private constructor(
    readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  /** Starts it on a free port (again on another, should the port be taken before it binds). */
  static async start(dataDir: string, timeoutMs = 60_000): Promise<ServerProcess> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await ServerProcess.startOn(await freePort(), dataDir, timeoutMs);
      } catch (error) {
        if (attempt >= 3 || !String(error).includes('EADDRINUSE')) throw error;
      }
    }
  }

  private static async startOn(
    port: number,
    dataDir: string,
    timeoutMs: number,
  ): Promise<ServerProcess> {
    const child = spawnTs('src/main.ts', [], {
      PORT: String(port),
      REGISTRY_DATA_DIR: dataDir,
      REGISTRY_SEED: 'none',
      EVENT_STORE: 'sqlite',
      KURRENTDB_CONNECTION_STRING: '',
      REGISTRY_RATE_LIMIT: '0',
    });
    const server = new ServerProcess(child, `http://127.0.0.1:${port}`);
    await server.ready(port, timeoutMs);
    return server;
  }

  /** Everything the server printed lately, for a failure message. */
  get log(): string {
    return this.output;
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    this.child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      exited(this.child),
      new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), 15_000))),
    ]);
    clearTimeout(timer);
    if (code === 'timeout') {
      this.child.kill('SIGKILL');
      await exited(this.child);
    }
  }

  /**
   * Waits for this child's own "Serving on" line (another process may have taken the port in
   * the meantime and would answer /health), then for /health.
   */
  private async ready(port: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(`The server exited:\n${this.output}`);
      }
      if (!this.output.includes(`Serving on http://localhost:${port} `)) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      try {
        const health = await fetch(`${this.baseUrl}/health`, { signal: AbortSignal.timeout(1000) });
        if (health.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    this.child.kill('SIGKILL');
    throw new Error(`The server did not answer /health within ${timeoutMs} ms:\n${this.output}`);
  }
}
