import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { RegistryConfig } from '../../config/registry-config';
import type { EventStore } from '../../event-store/event-store.port';
import { allProjections } from '../../projections/all-projections';
import type { Projection } from '../../projections/projection';
import { ProjectionEngine } from '../../projections/projection-engine';
import { resetProjection } from '../../projections/projection-tables';
import { endBulkWrites, isWalFile, openReadModelPart } from '../../projections/read-model-database';
import {
  currentReadModelsFile,
  partFileName,
  READ_MODEL_PARTS,
  readModelFileNames,
  setCurrentReadModelsFile,
} from '../../projections/read-model-files';
import { openReadModelFiles } from '../../projections/read-models';
import { type Comparison, compareWithLive, describeComparison } from './rebuild-compare';
import {
  currentBootId,
  newReadModelFileName,
  readMarker,
  REBUILD_MARKER,
  type RebuildMarker,
  removeMarker,
  removeReadModelFile,
  UnreadableMarker,
  writeMarker,
} from './rebuild-marker';
import { type ProgressOutput, RebuildProgress } from './rebuild-progress';
import {
  engineBuild,
  lowest,
  lowestCheckpoint,
  type PartBuild,
  PartInWorker,
} from './rebuild-worker';

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
  /**
   * How a worker thread opens the event store (the configuration the CLI opened it with): the
   * files of the parts besides the main one are then built on workers, beside the main file's
   * engine (see `PartInWorker`). Without it, or with `projections` given, every engine runs on
   * this thread.
   */
  readonly workerConfig?: RegistryConfig;
  /** A part with fewer events than this to project gets no worker (default `WORKER_MIN_EVENTS`). */
  readonly workerMinEvents?: number;
  /**
   * Writes the new files in bulk until every projection has reached the head (see
   * `ReadModelFileOptions.bulk`), then flushes them and puts them in WAL mode. `rebuildReadModels`
   * sets it from its marker: where the machine's boot can be told (`currentBootId`).
   */
  readonly bulk?: boolean;
}

/**
 * Below this many events to project, every file is projected on this thread: a worker takes
 * ~0.3 s to start (its own module loading and compiling), more than it saves on a short build
 * (10k events: ~0.25 s on one thread, ~0.55 s with a worker; 1M: ~21.5 s against ~16 s).
 */
export const WORKER_MIN_EVENTS = 50_000;

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
  const built = await buildReadModels(store, dataDir, marker.file, output, {
    ...options,
    bulk: marker.bootId !== undefined,
  });
  try {
    const { resumedFrom, head } = built;
    output.line(
      `verify: every projection (${projections.map((p) => p.name).join(', ')}) reached position ${head ?? 0} with no error`,
    );
    const live = currentReadModelsFile(dataDir);
    const comparison = await compareWithLive(
      join(dataDir, marker.file),
      join(dataDir, live),
      projections,
      options.alignTimeoutMs ?? 3000,
    );
    describeComparison(live, comparison).forEach((line) => output.line(line));
    await built.close();
    const switched = decideSwitch(dataDir, marker, live, comparison, output, options);
    return { file: marker.file, resumedFrom, head, comparison, switched };
  } finally {
    await built.close();
  }
}

/** Read models built up to the head, their engines still following the log until `close`. */
export interface BuiltReadModels {
  /** The lowest checkpoint the build started from (undefined: from position 0). */
  readonly resumedFrom: bigint | undefined;
  /** The head of the log when the build started, which every projection has reached. */
  readonly head: bigint | undefined;
  /** Stops the engines and closes the files (again: nothing). */
  close(): Promise<void>;
}

/**
 * Projects the read models named `file` (the main file and each part's, see `READ_MODEL_PARTS`)
 * from their checkpoints to the head of the log, with their reader indexes: the parts on worker
 * threads when `options.workerConfig` says how to open the store there, the main file here, in
 * bulk until then if `options.bulk`. Then every file's engine follows the log on this thread (in
 * WAL mode), so that a comparison with the live files can wait for them to line up.
 */
export async function buildReadModels(
  store: EventStore,
  dataDir: string,
  file: string,
  output: ProgressOutput,
  options: Omit<RebuildOptions, 'projection' | 'restart' | 'switch' | 'strict'> = {},
): Promise<BuiltReadModels> {
  const projections = options.projections ?? allProjections();
  const bulk = options.bulk ?? false;
  const parts = openReadModelFiles(dataDir, file, projections, { bulk });
  let engines = parts.map(({ db, projections: own }) => new ProjectionEngine(store, db, own));
  const close = async (): Promise<void> => {
    await stopAll(engines);
    for (const { db } of parts) if (db.open) db.close();
  };
  try {
    const starts = engines.map(lowestCheckpoint);
    const resumedFrom = lowest(starts);
    output.line(
      startLine(
        file,
        parts.map(({ db }) => basename(db.name)),
        starts,
      ),
    );
    const head = await store.headPosition();
    // Workers build the projections they find by name in `allProjections()`: not a custom set.
    const config = options.projections === undefined ? options.workerConfig : undefined;
    const minEvents = options.workerMinEvents ?? WORKER_MIN_EVENTS;
    const builds = parts.map(({ db, part, projections: own }, i): PartBuild => {
      const from = lowestCheckpoint(engines[i]);
      const toProject = Number((head ?? 0n) - (from ?? 0n));
      if (config === undefined || part === undefined || toProject < minEvents) {
        return engineBuild(engines[i]);
      }
      const names = own.map((p) => p.name);
      return new PartInWorker({ config, file: db.name, projections: names, bulk }, from);
    });
    for (const [i, build] of builds.entries()) {
      if (!(build instanceof PartInWorker)) continue;
      const names = parts[i].projections.map((p) => p.name).join(', ');
      output.line(`rebuild: ${basename(parts[i].db.name)} (${names}) on a worker thread`);
    }
    await follow(builds, head, output, resumedFrom, options.signal);
    // Built: on the disk before anything reads them, and in WAL mode from here on (a worker has
    // ended its own file's bulk writing; this thread's connection to it follows).
    if (bulk) for (const { db } of parts) endBulkWrites(db);
    // From here the parts built on workers are followed on this thread, by engines that start
    // from the checkpoints the workers committed (the others' engines run since `follow`).
    engines = engines.map((engine, i) => {
      if (!(builds[i] instanceof PartInWorker)) return engine;
      const follower = new ProjectionEngine(store, parts[i].db, parts[i].projections);
      follower.start();
      return follower;
    });
    await Promise.all(engines.map((engine) => engine.reach(head)));
    return { resumedFrom, head, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Where a build starts: from 0, from the lowest checkpoint, or, when some files have checkpoints
 * and others none (a part file new since the build began, as after an upgrade from one file),
 * each file's own starting point.
 */
function startLine(
  file: string,
  names: readonly string[],
  starts: ReadonlyArray<bigint | undefined>,
): string {
  if (starts.every((s) => s === undefined)) return `rebuild: building ${file} from position 0`;
  const resumedFrom = lowest(starts);
  if (resumedFrom !== undefined) return `rebuild: resuming ${file} from position ${resumedFrom}`;
  const each = names.map((name, i) => `${name} from position ${starts[i] ?? 0n}`);
  return `rebuild: resuming ${file}: ${each.join(', ')}`;
}

async function stopAll(engines: readonly ProjectionEngine[]): Promise<void> {
  await Promise.all(engines.map((engine) => engine.stop()));
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
  let marker: RebuildMarker | undefined;
  try {
    marker = readMarker(dataDir);
  } catch (error) {
    // Nothing it names can be trusted: only the marker itself goes.
    if (!(error instanceof UnreadableMarker && options.restart)) throw error;
    output.line(`rebuild: discarding the unreadable ${REBUILD_MARKER}`);
    removeMarker(dataDir);
  }
  const bootId = currentBootId();
  if (marker && marker.bootId !== undefined && marker.bootId !== bootId) {
    if (tornByRestart(dataDir, marker.file)) {
      output.line(
        `rebuild: the machine restarted while ${marker.file} was being written without fsync; starting again`,
      );
      removeReadModelFile(dataDir, marker.file);
      removeMarker(dataDir);
      marker = undefined;
    } else {
      // Its files were finished (flushed, in WAL mode) before the restart: go on, in this boot.
      marker = { ...marker, bootId };
      writeMarker(dataDir, marker);
    }
  }
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
      bootId,
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
 * Whether a file of the read models named `file` may have been torn by a restart of the machine:
 * one that is not in WAL mode (still written in bulk, or a copy not yet built on).
 */
function tornByRestart(dataDir: string, file: string): boolean {
  return readModelFileNames(file)
    .map((name) => join(dataDir, name))
    .some((path) => existsSync(path) && !isWalFile(path));
}

/**
 * One projection: start from a snapshot of the live file (the other projections' rows stand with
 * their own checkpoints, so they stay correct and simply follow the log from there) with that
 * projection's tables dropped, recreated empty and its checkpoint removed.
 */
function copyWithout(dataDir: string, marker: RebuildMarker, projection: Projection): void {
  removeReadModelFile(dataDir, marker.file);
  for (const part of [undefined, ...READ_MODEL_PARTS]) {
    const livePath = join(dataDir, partFileName(marker.basedOn, part));
    if (!existsSync(livePath)) continue;
    const live = new Database(livePath, { fileMustExist: true });
    try {
      live.pragma('busy_timeout = 5000');
      live.prepare('VACUUM INTO ?').run(join(dataDir, partFileName(marker.file, part)));
    } finally {
      live.close();
    }
  }
  const all = allProjections();
  const db = openReadModelPart(
    join(dataDir, partFileName(marker.file, projection.part)),
    all.filter((p) => p.part === projection.part),
    all,
  );
  try {
    resetProjection(db, projection);
  } finally {
    db.close();
  }
}

/** Runs the builds until every projection has reached `head`, showing progress. */
async function follow(
  builds: readonly PartBuild[],
  head: bigint | undefined,
  output: ProgressOutput,
  from: bigint | undefined,
  signal: AbortSignal | undefined,
): Promise<void> {
  const reached = (): number => Number(lowest(builds.map((b) => b.checkpoint())) ?? 0n);
  const progress = new RebuildProgress(output, Number(head ?? 0n), Number(from ?? 0n));
  const tick = setInterval(() => progress.update(reached()), 100);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new RebuildInterrupted('interrupted'));
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort);
  });
  try {
    await Promise.race([Promise.all(builds.map((build) => build.reach(head))), aborted]);
    progress.update(reached());
  } catch (error) {
    // Whatever stopped it (an interruption, a part that failed), every build stops at its last
    // committed batch, for the next run to continue from.
    await Promise.all(builds.map((build) => build.stop()));
    if (error instanceof RebuildInterrupted) {
      throw new RebuildInterrupted(
        `interrupted at position ${reached()}: run the same command again to continue from there`,
      );
    }
    throw error;
  } finally {
    clearInterval(tick);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    progress.stop();
  }
}

/** The files of the read models named `name` that exist, for a message: `a`, `a and b`. */
function oldFiles(dataDir: string, name: string): string {
  const files = readModelFileNames(name).filter((file) => existsSync(join(dataDir, file)));
  return files.length === 0 ? name : files.join(' and ');
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
    `switched: API processes on this data folder serve ${marker.file} within a second; ${oldFiles(dataDir, live)} can be deleted once they have`,
  );
  return true;
}
