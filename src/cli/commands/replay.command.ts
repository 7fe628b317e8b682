import { type Command, InvalidArgumentError } from 'commander';
import { writeFileSync } from 'node:fs';
import { instantMs } from '../../shared/domain/instant';
import { isDay } from '../../shared/domain/partial-date';
import { withEventStore } from '../cli-context';
import { replayRegistry, type ReplayUntil } from './replay-registry';

/**
 * `--until`: a global position (digits) or an ISO 8601 instant with its offset, read as `knownAt`
 * reads it (a day that does not exist, like 2024-02-30, is refused rather than rolled over).
 */
export function parseUntil(value: string): ReplayUntil {
  if (/^\d+$/.test(value)) return { position: BigInt(value) };
  const ms = instantMs(value);
  if (ms === undefined) {
    throw new InvalidArgumentError(
      'expected a position (e.g. 6) or an ISO instant with its offset (e.g. 2002-12-30T12:00:00Z)',
    );
  }
  return { instant: new Date(ms) };
}

function parseDay(value: string): string {
  if (!isDay(value)) throw new InvalidArgumentError('expected a day, YYYY-MM-DD');
  return value;
}

/** `replay --until <instant|position> [--as-of day] [--output file]`: the registry as known then. */
export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description(
      'Fold the event log up to a position or recorded-at instant and print (or export) the registry as it was known then: field operations viewed on --as-of, decisions, participating States',
    )
    .requiredOption(
      '--until <instant|position>',
      'last global position, or an ISO instant',
      parseUntil,
    )
    .option(
      '--as-of <YYYY-MM-DD>',
      'valid-time day to view field operations on (default today)',
      parseDay,
    )
    .option('--output <file.json>', 'write the JSON there instead of printing it')
    .action(async (options: { until: ReplayUntil; asOf?: string; output?: string }) => {
      const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
      const state = await withEventStore((store) => replayRegistry(store, options.until, asOf));
      const json = `${JSON.stringify(state, null, 2)}\n`;
      if (!options.output) {
        process.stdout.write(json);
        return;
      }
      writeFileSync(options.output, json);
      process.stdout.write(
        `replay: ${state.events.count} events (last position ${state.events.lastPosition ?? 'none'}): ${state.fieldOperations.length} field operations on ${asOf}, ${state.decisions.length} decisions, ${state.participatingStates.length} participating States -> ${options.output}\n`,
      );
    });
}
