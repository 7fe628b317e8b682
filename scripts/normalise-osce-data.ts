/**
 * Normalises the shared OSCE research data into the registry's own data set.
 *
 *   node -r @swc-node/register scripts/normalise-osce-data.ts [sourceDir] [outDir]
 *
 * Defaults: `../shared/data/osce` -> `data/osce` (relative to the working directory). Writes only
 * the generated JSON files; `data/osce/README.md` is written by hand.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { normalise, readSource } from './osce-data/normalise';

export function main(argv: string[]): void {
  const sourceDir = resolve(argv[0] ?? '../shared/data/osce');
  const outDir = resolve(argv[1] ?? 'data/osce');
  const { data, raw } = readSource(sourceDir);
  const files = normalise(data, raw);
  mkdirSync(outDir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(outDir, name), content);
    console.log(`wrote ${join(outDir, name)} (${Buffer.byteLength(content)} bytes)`);
  }
}

if (require.main === module) main(process.argv.slice(2));
