import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { setFlagsFromString } from 'node:v8';
import { createApp } from './app.factory';
import { readConfig } from './config/registry-config';

/**
 * How much V8 lets the old generation grow past what was live after its last full collection
 * before it collects again (percent). V8 picks a factor of up to 4x on a machine with a lot of
 * memory: under 50 connections of reads the heap of a server with ~100 MB live grew to ~330 MB
 * before V8 collected it. At 50% the peak stays near 1.5x the live size, for a few more full
 * collections (incremental and mostly concurrent). `node --heap-growing-percent=N` overrides it.
 */
const HEAP_GROWING_PERCENT = 50;

function limitHeapGrowth(): void {
  if (process.execArgv.some((flag) => /^--heap[-_]growing[-_]percent\b/.test(flag))) return;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

async function bootstrap(): Promise<void> {
  limitHeapGrowth();
  const config = readConfig();
  const app = await createApp(config);
  await app.listen(config.port, '0.0.0.0');
  new Logger('Registry').log(
    `Serving on http://localhost:${config.port} (OpenAPI at /api/docs; event store: ${config.eventStore}; data: ${config.dataDir})`,
  );
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
