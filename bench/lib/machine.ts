import { execFileSync } from 'node:child_process';
import { cpus, freemem, totalmem, loadavg, platform, release } from 'node:os';

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  freeMemoryGiB: number;
  loadAverageAtStart: number[];
  loadAverageAtEnd?: number[];
  os: string;
  node: string;
  disk?: string;
}

export function machine(workDir: string): Machine {
  const list = cpus();
  let disk: string | undefined;
  try {
    disk = execFileSync('df', ['-h', '--output=source,fstype,size', workDir], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .slice(1)
      .join(' ')
      .replace(/\s+/g, ' ');
  } catch {
    disk = undefined;
  }
  return {
    cpuModel: list[0]?.model ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
    os: `${platform()} ${release()}`,
    node: process.version,
    disk,
  };
}
