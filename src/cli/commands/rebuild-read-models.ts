import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from '../../event-store/event-store.port';
import { allProjections } from '../../projections/all-projections';
import type { Projection } from '../../projections/projection';
import { ProjectionEngine } from '../../projections/projection-engine';
import { resetProjection } from '../../projections/projection-tables';
import { openReadModelDatabase } from '../../projections/read-model-database';
import {
  currentReadModelsFile,
  setCurrentReadModelsFile,
} from '../../projections/read-model-files';
import { type Comparison, compareWithLive, describeComparison } from './rebuild-compare';
import {
  newReadModelFileName,
  readMarker,
  type RebuildMarker,
  removeMarker,
  removeReadModelFile,
  writeMarker,
} from './rebuild-marker';
import { type ProgressOutput, RebuildProgress } from './rebuild-progress';

export interface RebuildOptions {
  /** Rebuild this projection only; the others are carried over from the live file. */
  readonly projection?: string;
  /** Discard an unfinished rebuild instead of continuing it. */
  readonly restart?: boolean;
  /** Switch the API to the new file once verified (default true). */
  readonly switch?: boolean;
  /** Refuse to switch when the comparison with the live file finds a difference. */
  readonly strict?: boolean;
  /** How long the comparison waits for the live read models to stand where the new ones do. */
  readonly alignTimeoutMs?: number;
  /** Stops the build; the next run continues from the checkpoints. */
  readonly signal?: AbortSignal;
  readonly projections?: readonly Projection[];
}

export interface RebuildResult {
  readonly file: string;
  /** Where this run started: undefined from scratch, else the lowest checkpoint it resumed from. */
  readonly resumedFrom: bigint | undefined;
  readonly head: bigint | undefined;
  readonly comparison: Comparison | undefined;
  readonly switched: boolean;
}

export class RebuildInterrupted extends Error {
  override readonly name = 'RebuildInterrupted';
}

export class RebuildRefused extends Error {
  override readonly name = 'RebuildRefused';
}

/**
 * Builds a new version of the read models from position 0 beside the live file, resumably (a
 * marker names the unfinished build; each projection's checkpoint commits with its rows), then
 * verifies it (every projection at the head with no error; contents compared with the live file)
 * and switches the API to it by rewriting the pointer file.
 */
export async function rebuildReadModels(
  store: EventStore,
  dataDir: string,
  output: ProgressOutput,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  const projections = options.projections ?? allProjections();
  const marker = startOrResume(dataDir, projections, output, options);
  if (marker.file === currentReadModelsFile(dataDir)) {
    removeMarker(dataDir);
    output.line(`rebuild: ${marker.file} is already the live read-model file; nothing to do`);
    return {
      file: marker.file,
      resumedFrom: undefined,
      head: undefined,
      comparison: undefined,
      switched: true,
    };
  }
  const db = openReadModelDatabase(join(dataDir, marker.file));
  let engine: ProjectionEngine | undefined;
  try {
    for (const projection of projections) projection.setup(db);
    engine = new ProjectionEngine(store, db, projections);
    const resumedFrom = lowestCheckpoint(engine);
    output.line(
      resumedFrom === undefined
        ? `rebuild: building ${marker.file} from position 0`
        : `rebuild: resuming ${marker.file} from position ${resumedFrom}`,
    );
    const head = await store.headPosition();
    await follow(engine, head, output, resumedFrom, options.signal);
    output.line(
      `verify: every projection (${projections.map((p) => p.name).join(', ')}) reached position ${head ?? 0} with no error`,
    );
    const live = currentReadModelsFile(dataDir);
    const comparison = await compareWithLive(
      db,
      join(dataDir, live),
      projections,
      options.alignTimeoutMs ?? 3000,
    );
    describeComparison(live, comparison).forEach((line) => output.line(line));
    await engine.stop();
    engine = undefined;
    db.close();
    const switched = decideSwitch(dataDir, marker, live, comparison, output, options);
    return { file: marker.file, resumedFrom, head, comparison, switched };
  } finally {
    await engine?.stop();
    if (db.open) db.close();
  }
}

function startOrResume(
  dataDir: string,
  projections: readonly Projection[],
  output: ProgressOutput,
  options: RebuildOptions,
): RebuildMarker {
  const only = options.projection ?? null;
  const target = only === null ? undefined : projections.find((p) => p.name === only);
  if (only !== null && !target) {
    const names = projections.map((p) => p.name).join(', ');
    throw new RebuildRefused(`Unknown projection "${only}"; one of: ${names}`);
  }
  let marker = readMarker(dataDir);
  if (marker && options.restart) {
    output.line(`rebuild: discarding the unfinished ${marker.file}`);
    removeReadModelFile(dataDir, marker.file);
    removeMarker(dataDir);
    marker = undefined;
  }
  if (marker && marker.projection !== only) {
    const unfinished = marker.projection ? `of ${marker.projection}` : 'of every projection';
    const command = marker.projection ? `rebuild ${marker.projection}` : 'rebuild';
    throw new RebuildRefused(
      `A rebuild ${unfinished} into ${marker.file} is unfinished: run \`${command}\` to finish it, or add --restart to discard it`,
    );
  }
  if (!marker) {
    marker = {
      file: newReadModelFileName(),
      projection: only,
      stage: target ? 'copying' : 'building',
      startedAt: new Date().toISOString(),
      basedOn: currentReadModelsFile(dataDir),
    };
    writeMarker(dataDir, marker);
  }
  if (marker.stage === 'copying' && target) {
    copyWithout(dataDir, marker, target);
    marker = { ...marker, stage: 'building' };
    writeMarker(dataDir, marker);
  }
  return marker;
}

/**
 * One projection: start from a snapshot of the live file (the other projections' rows stand with
 * their own checkpoints, so they stay correct and simply follow the log from there) with that
 * projection's tables dropped, recreated empty and its checkpoint removed.
 */
function copyWithout(dataDir: string, marker: RebuildMarker, projection: Projection): void {
  removeReadModelFile(dataDir, marker.file);
  const livePath = join(dataDir, marker.basedOn);
  if (existsSync(livePath)) {
    const live = new Database(livePath, { fileMustExist: true });
    try {
      live.pragma('busy_timeout = 5000');
      live.prepare('VACUUM INTO ?').run(join(dataDir, marker.file));
    } finally {
      live.close();
    }
  }
  const db = openReadModelDatabase(join(dataDir, marker.file));
  try {
    resetProjection(db, projection);
  } finally {
    db.close();
  }
}

function lowestCheckpoint(engine: ProjectionEngine): bigint | undefined {
  const checkpoints = engine.runners.map((r) => r.checkpoint);
  if (checkpoints.some((c) => c === undefined)) return undefined;
  return checkpoints.reduce((a, b) => (b! < a! ? b : a));
}

/** Runs the engine until every projection has reached `head`, showing progress. */
async function follow(
  engine: ProjectionEngine,
  head: bigint | undefined,
  output: ProgressOutput,
  from: bigint | undefined,
  signal: AbortSignal | undefined,
): Promise<void> {
  const progress = new RebuildProgress(output, Number(head ?? 0n), Number(from ?? 0n));
  const tick = setInterval(() => progress.update(Number(lowestCheckpoint(engine) ?? 0n)), 100);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new RebuildInterrupted('interrupted'));
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort);
  });
  engine.start();
  try {
    await Promise.race([engine.reach(head), aborted]);
    progress.update(Number(lowestCheckpoint(engine) ?? 0n));
  } catch (error) {
    if (error instanceof RebuildInterrupted) {
      await engine.stop();
      const at = lowestCheckpoint(engine);
      throw new RebuildInterrupted(
        `interrupted at position ${at ?? 0}: run the same command again to continue from there`,
      );
    }
    throw error;
  } finally {
    clearInterval(tick);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    progress.stop();
  }
}

function decideSwitch(
  dataDir: string,
  marker: RebuildMarker,
  live: string,
  comparison: Comparison | undefined,
  output: ProgressOutput,
  options: RebuildOptions,
): boolean {
  const differs = !!comparison && comparison.different.length > 0;
  if (differs && options.strict) {
    throw new RebuildRefused(
      `not switching (--strict): the rebuilt read models differ from ${live}; ${marker.file} is kept, run \`rebuild\` without --strict to switch to it`,
    );
  }
  if (options.switch === false) {
    output.line(
      `rebuild: ${marker.file} is ready; not switched (--no-switch): run \`rebuild\` again to switch`,
    );
    return false;
  }
  setCurrentReadModelsFile(dataDir, marker.file);
  removeMarker(dataDir);
  output.line(
    `switched: API processes on this data folder serve ${marker.file} within a second; ${live} can be deleted once they have`,
  );
  return true;
}
