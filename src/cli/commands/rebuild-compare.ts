import type Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { Projection } from '../../projections/projection';
import { schemaObjectsOf } from '../../projections/projection-tables';
import { openReadModelView } from '../../projections/read-model-database';
import {
  checkpointsOf,
  digestTable,
  readModelTables,
  type TableDigest,
} from '../../projections/read-model-digest';

export interface TableDifference {
  readonly table: string;
  readonly live: TableDigest;
  readonly rebuilt: TableDigest;
}

export interface Comparison {
  /** Tables both files have, compared at the same checkpoint, that are identical. */
  readonly identical: Array<{ table: string; rows: number }>;
  readonly different: TableDifference[];
  /** Projections whose live and rebuilt checkpoints never matched, so their tables were not compared. */
  readonly notCompared: Array<{ projection: string; live: string | null; rebuilt: string | null }>;
  readonly onlyLive: string[];
  readonly onlyRebuilt: string[];
}

const RETRY_MS = 200;

/**
 * Compares the rebuilt read models with the live file, table by table (row count and content
 * digest), for the tables both have. Tables are compared only where their projection stands at
 * the same position in both files: the live API keeps moving, so this retries until they line up
 * (the rebuilt engine keeps following the log meanwhile) or `timeoutMs` passes.
 */
export async function compareWithLive(
  rebuiltPath: string,
  livePath: string,
  projections: readonly Projection[],
  timeoutMs: number,
): Promise<Comparison | undefined> {
  if (!existsSync(livePath)) return undefined;
  // Every file of each side on one connection: a table is found by its name whichever file holds
  // it (a live file from before the parts existed holds them all).
  const live = openReadModelView(livePath);
  const rebuilt = openReadModelView(rebuiltPath);
  try {
    const owner = ownersOf(projections);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const comparison = compareOnce(live, rebuilt, owner);
      if (comparison.notCompared.length === 0 || Date.now() >= deadline) return comparison;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  } finally {
    live.close();
    rebuilt.close();
  }
}

function ownersOf(projections: readonly Projection[]): Map<string, string> {
  const owner = new Map<string, string>();
  for (const projection of projections) {
    for (const object of schemaObjectsOf(projection)) owner.set(object.name, projection.name);
  }
  return owner;
}

/** Synchronous, with the live file in one read transaction: neither side moves meanwhile. */
function compareOnce(
  live: Database.Database,
  rebuilt: Database.Database,
  owner: Map<string, string>,
): Comparison {
  return live.transaction(() => {
    const liveTables = readModelTables(live);
    const rebuiltTables = readModelTables(rebuilt);
    const liveCheckpoints = checkpointsOf(live);
    const rebuiltCheckpoints = checkpointsOf(rebuilt);
    const unaligned = new Set<string>();
    const comparison: Comparison = {
      identical: [],
      different: [],
      notCompared: [],
      onlyLive: liveTables.filter((t) => !rebuiltTables.includes(t)),
      onlyRebuilt: rebuiltTables.filter((t) => !liveTables.includes(t)),
    };
    for (const table of liveTables.filter((t) => rebuiltTables.includes(t))) {
      const projection = owner.get(table);
      if (projection && liveCheckpoints.get(projection) !== rebuiltCheckpoints.get(projection)) {
        unaligned.add(projection);
        continue;
      }
      const [a, b] = [digestTable(live, table), digestTable(rebuilt, table)];
      if (a.rows === b.rows && a.sha256 === b.sha256) {
        comparison.identical.push({ table, rows: a.rows });
      } else comparison.different.push({ table, live: a, rebuilt: b });
    }
    for (const projection of unaligned) {
      const at = (c: Map<string, bigint>): string | null => c.get(projection)?.toString() ?? null;
      comparison.notCompared.push({
        projection,
        live: at(liveCheckpoints),
        rebuilt: at(rebuiltCheckpoints),
      });
    }
    return comparison;
  })();
}

export function describeComparison(liveFile: string, comparison: Comparison | undefined): string[] {
  if (!comparison) return [`compare: there is no live ${liveFile} to compare with`];
  const lines = [
    `compare with ${liveFile}: ${comparison.identical.length} table(s) identical, ${comparison.different.length} different`,
  ];
  for (const d of comparison.different) {
    lines.push(
      `  DIFFERENT ${d.table}: live ${d.live.rows} rows (sha256 ${d.live.sha256.slice(0, 12)}), rebuilt ${d.rebuilt.rows} rows (sha256 ${d.rebuilt.sha256.slice(0, 12)})`,
    );
  }
  for (const n of comparison.notCompared) {
    lines.push(
      `  not compared: ${n.projection} (live at position ${n.live ?? 'none'}, rebuilt at ${n.rebuilt ?? 'none'})`,
    );
  }
  if (comparison.onlyLive.length > 0)
    lines.push(`  only in live: ${comparison.onlyLive.join(', ')}`);
  if (comparison.onlyRebuilt.length > 0) {
    lines.push(`  only in rebuilt: ${comparison.onlyRebuilt.join(', ')}`);
  }
  return lines;
}
