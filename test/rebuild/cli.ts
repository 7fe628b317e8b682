import type { ChildProcess } from 'node:child_process';
import { onLines, spawnTs } from '../support/child-process';

export interface CliRun {
  readonly child: ChildProcess;
  readonly lines: string[];
  stderr(): string;
  /** Resolves with the exit code and everything printed. */
  done(): Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** `npm run cli -- <args>` as a child process on `dataDir` (SQLite store). */
export function startCli(args: string[], dataDir: string): CliRun {
  const child = spawnTs('src/cli/main.ts', args, {
    REGISTRY_DATA_DIR: dataDir,
    EVENT_STORE: 'sqlite',
  });
  const lines: string[] = [];
  let stderr = '';
  onLines(child.stdout!, (line) => lines.push(line));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // 'close' comes after the output streams have ended, unlike 'exit'.
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
  return {
    child,
    lines,
    stderr: () => stderr,
    done: async () => {
      const code = await closed;
      return { code, stdout: lines.join('\n'), stderr };
    },
  };
}

export function runCli(args: string[], dataDir: string) {
  return startCli(args, dataDir).done();
}
