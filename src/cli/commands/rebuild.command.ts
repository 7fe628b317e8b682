import type { Command } from 'commander';
import { withEventStore } from '../cli-context';
import { RebuildInterrupted, rebuildReadModels } from './rebuild-read-models';

/** Exit code of an interrupted rebuild (as a shell reports SIGINT); running it again continues. */
export const INTERRUPTED_EXIT_CODE = 130;

interface RebuildFlags {
  restart?: boolean;
  switch: boolean;
  strict?: boolean;
}

/** `rebuild [projection]`: a new version of the read models beside the live one, then switch. */
export function registerRebuild(program: Command): void {
  program
    .command('rebuild')
    .description(
      'Build a new version of the read models from position 0 beside the live file, verify it and switch the API to it; resumes an interrupted rebuild',
    )
    .argument('[projection]', 'rebuild this projection only (the others are carried over)')
    .option('--restart', 'discard an unfinished rebuild and start again')
    .option('--no-switch', 'build and verify, but leave the API on the live file')
    .option('--strict', 'do not switch when the new read models differ from the live ones')
    .action(async (projection: string | undefined, flags: RebuildFlags) => {
      const controller = new AbortController();
      const interrupt = (): void => controller.abort();
      process.once('SIGINT', interrupt);
      process.once('SIGTERM', interrupt);
      try {
        await withEventStore((store, config) =>
          rebuildReadModels(
            store,
            config.dataDir,
            {
              line: (text) => process.stdout.write(`${text}\n`),
              terminal: process.stderr,
            },
            { ...flags, projection, signal: controller.signal, workerConfig: config },
          ),
        );
      } catch (error) {
        if (!(error instanceof RebuildInterrupted)) throw error;
        process.stderr.write(`rebuild ${error.message}\n`);
        process.exitCode = INTERRUPTED_EXIT_CODE;
      } finally {
        process.off('SIGINT', interrupt);
        process.off('SIGTERM', interrupt);
      }
    });
}
