import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { readConfig } from './config/registry-config';

async function bootstrap(): Promise<void> {
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
