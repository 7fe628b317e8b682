import type { ImportReport } from './importer';

/** The report as lines a person reads: totals first, then each record not recorded and why. */
export function describeReport(report: ImportReport): string[] {
  return [
    `import: ${report.recorded} commands recorded, ${report.alreadyThere} already there, ${report.failed.length} refused, ${report.notImported.length} not recordable from the data set`,
    ...report.failed.map((f) => `  refused   ${f.record} ${f.action ?? ''}: ${f.reason}`),
    ...report.notImported.map(
      (f) => `  skipped   ${f.record}${f.action ? ` ${f.action}` : ''}: ${f.reason}`,
    ),
  ];
}
