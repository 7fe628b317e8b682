import type { Command } from 'commander';
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { LedgerSealer } from '../../audit/seal/ledger-sealer';
import { sealOutcomeResponseOf } from '../../audit/seal/seal.response';
import { storedEventsOf } from '../../audit/stored-events';
import { withEventStore } from '../cli-context';

/** `seal [--reason <text>] [--json]`: record a LedgerSealed event over the log up to its head. */
export function registerSeal(program: Command): void {
  program
    .command('seal')
    .description(
      'Seal the log now: record the Merkle root over every event up to the head (AUDIT.md)',
    )
    .option('--reason <text>', 'why; stored in the seal metadata')
    .option('--json', 'print the outcome as JSON')
    .action(async (options: { reason?: string; json?: boolean }) => {
      const correlationId = randomUUID();
      const outcome = await withEventStore((store) =>
        new LedgerSealer(storedEventsOf(store)).seal({
          actor: cliActor(),
          correlationId,
          causationId: correlationId,
          ...(options.reason ? { reason: options.reason } : {}),
        }),
      );
      const body = sealOutcomeResponseOf(outcome);
      if (options.json) return void process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
      const seal = body.seal;
      process.stdout.write(
        !seal
          ? 'Nothing to seal: the log is empty\n'
          : `${body.created ? 'Sealed' : 'Nothing new since the last seal, which covers'} ${seal.eventCount} events up to position ${seal.upToPosition}: root ${seal.root} (${seal.stream}@${seal.revision}, position ${seal.position})\n`,
      );
    });
}

function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}
