import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { storedEventsOf } from '../../audit/stored-events';
import { verifyLedger } from '../../audit/verify/ledger-verifier';
import { describeFailure, type VerificationReport } from '../../audit/verify/verification-report';
import { SqliteEventStore } from '../../event-store/sqlite/sqlite-event-store';
import type { CopyCheck } from '../../event-store/sqlite/stream-copy';
import { withEventStore } from '../cli-context';

/** Exit code when verification finds tampering (1 is left for "could not run"). */
export const TAMPERED_EXIT_CODE = 2;
const LISTED_FAILURES = 10;

/**
 * `verify [--json]`: recompute every hash chain and seal; exit 0 when intact, 2 when not. On
 * SQLite it also compares the stream copy (`events.streams.sqlite`, what commands load streams
 * from) with the log: a copy that differs is emptied, so that the registry rebuilds it from the
 * log, and counts as an alteration.
 */
export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description(
      'Recompute every hash chain and seal over the stored events (AUDIT.md); exit 0 when intact, 2 when something was altered',
    )
    .option('--json', 'print the whole report as JSON')
    .action(async (options: { json?: boolean }) => {
      const { report, copy } = await withEventStore(async (store) => {
        const raw = storedEventsOf(store);
        const progress = await progressBar(raw.headPosition());
        let ledger: VerificationReport;
        try {
          ledger = await verifyLedger(raw, (checked) => progress?.update(checked));
        } finally {
          progress?.stop();
        }
        return { report: ledger, copy: checkStreamCopy(raw) };
      });
      process.stdout.write(
        options.json
          ? `${JSON.stringify(copy ? { ...report, streamCopy: jsonOf(copy) } : report, null, 2)}\n`
          : summary(report) + (copy ? copySummary(copy) : ''),
      );
      if (!report.ok || (copy && copy.differences.length > 0)) {
        process.exitCode = TAMPERED_EXIT_CODE;
      }
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

/** The stream copy compared with the log, and emptied when they differ (SQLite only). */
function checkStreamCopy(raw: unknown): CopyCheck | undefined {
  const copy = raw instanceof SqliteEventStore ? raw.streamCopy : undefined;
  if (!copy) return undefined;
  const check = copy.check();
  if (check.differences.length > 0) copy.reset();
  return check;
}

function copySummary(check: CopyCheck): string {
  if (check.differences.length === 0) {
    return `OK: stream copy matches the log (${check.compared} events compared)\n`;
  }
  return [
    `FAILED: the stream copy differs from the log; it was emptied and is rebuilt from the log:\n`,
    ...check.differences.map((d) => `  ${d}\n`),
    ...(check.differenceCount > check.differences.length
      ? [`  ... ${check.differenceCount} differences in all\n`]
      : []),
  ].join('');
}

function jsonOf(check: CopyCheck): object {
  return {
    ok: check.differences.length === 0,
    compared: check.compared,
    watermark: check.watermark.toString(),
    differenceCount: check.differenceCount,
    differences: check.differences,
  };
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
