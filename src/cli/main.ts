import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/registry-config';
import { CLI_COMMANDS } from './commands';

/**
 * `npm run cli -- <command>`: operations on the registry's event store and read models that run
 * beside (or without) the HTTP server. Configuration comes from the same environment variables.
 */
export function buildProgram(): Command {
  const program = new Command('registry')
    .description('Operate the OSCE registry: verify, seal, rebuild, replay')
    .showHelpAfterError()
    .exitOverride();
  for (const register of CLI_COMMANDS) register(program);
  return program;
}

async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${error instanceof ConfigError ? 'Configuration: ' : ''}${message}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) void main(process.argv);
