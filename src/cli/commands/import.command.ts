import { NestFactory } from '@nestjs/core';
import type { Command } from 'commander';
import { readConfig } from '../../config/registry-config';
import { BUNDLED_DATA_SET, loadDataSet } from '../../import/data-set';
import { ImportCliModule } from '../../import/import.module';
import { describeReport } from '../../import/import-report';
import { Importer } from '../../import/importer';
import { RebuildProgress } from './rebuild-progress';

/** `import [dir]`: records a data set (default: the bundled OSCE history) through the commands. */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description(
      'Record a data set (default: the bundled OSCE history in data/osce) through the registry commands; a second run records nothing',
    )
    .argument(
      '[dir]',
      'folder with participating-states.json, decisions.json, field-operations.json, chairpersonships.json',
      BUNDLED_DATA_SET,
    )
    .option('--json', 'print the report as JSON')
    .action(async (dir: string, options: { json?: boolean }) => {
      const data = loadDataSet(dir);
      const app = await NestFactory.createApplicationContext(
        ImportCliModule.register(readConfig()),
        {
          logger: ['error', 'warn'],
        },
      );
      try {
        const output = {
          line: (text: string) => process.stderr.write(`${text}\n`),
          terminal: process.stderr,
        };
        let progress: RebuildProgress | undefined;
        const report = await app.get(Importer).run(data, (done, total) => {
          progress ??= new RebuildProgress(output, total, 0, 'import', 'commands');
          progress.update(done);
        });
        progress?.stop();
        if (options.json)
          process.stdout.write(
            `${JSON.stringify(report, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v), 2)}\n`,
          );
        else process.stdout.write(`${describeReport(report).join('\n')}\n`);
      } finally {
        await app.close();
      }
    });
}
