import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { storedEventsOf } from '../../audit/stored-events';
import { verifyLedger } from '../../audit/verify/ledger-verifier';
import { describeFailure, type VerificationReport } from '../../audit/verify/verification-report';
import { withEventStore } from '../cli-context';

/** Exit code when verification finds tampering (1 is left for "could not run"). */
export const TAMPERED_EXIT_CODE = 2;
const LISTED_FAILURES = 10;

/** `verify [--json]`: recompute every hash chain and seal; exit 0 when intact, 2 when not. */
export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description(
      'Recompute every hash chain and seal over the stored events (AUDIT.md); exit 0 when intact, 2 when something was altered',
    )
    .option('--json', 'print the whole report as JSON')
    .action(async (options: { json?: boolean }) => {
      const report = await withEventStore(async (store) => {
        const raw = storedEventsOf(store);
        const progress = await progressBar(raw.headPosition());
        try {
          return await verifyLedger(raw, (checked) => progress?.update(checked));
        } finally {
          progress?.stop();
        }
      });
      process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : summary(report));
      if (!report.ok) process.exitCode = TAMPERED_EXIT_CODE;
    });
}

export function summary(report: VerificationReport): string {
  const counts = `${report.eventsChecked} events in ${report.streamsChecked} streams, ${report.sealsChecked} seals`;
  const sealed = report.lastSeal
    ? `last seal covers positions <= ${report.lastSeal.upToPosition} (${report.lastSeal.eventCount} events, root ${report.lastSeal.root}); ${report.unsealedEvents} events after it`
    : `no seal yet; ${report.unsealedEvents} events unsealed`;
  if (report.ok) return `OK: ${counts} verified; ${sealed}\n`;
  const listed = report.failures.slice(0, LISTED_FAILURES).map((f) => `  ${describeFailure(f)}\n`);
  const more = report.failureCount - listed.length;
  return [
    `FAILED: ${describeFailure(report.firstFailure!)}\n`,
    `${report.failureCount} failure(s) in ${counts}:\n`,
    ...listed,
    ...(more > 0 ? [`  ... and ${more} more (--json lists up to 100)\n`] : []),
  ].join('');
}

/** A progress bar on an interactive terminal (positions are contiguous on SQLite, roughly so elsewhere). */
async function progressBar(head: Promise<bigint | undefined>): Promise<SingleBar | undefined> {
  const total = await head;
  if (!process.stderr.isTTY || total === undefined) return undefined;
  const bar = new SingleBar({
    stream: process.stderr,
    format: 'verify [{bar}] {value}/{total} events | {eta_formatted}',
  });
  bar.start(Number(total), 0);
  return bar;
}
