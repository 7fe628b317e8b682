/**
 * Child process: serves the read side (read models, read endpoints, health) over a data directory
 * on a free port, with the HTTP conventions of `main.ts`. Nest 12 is ESM-only, which Jest on
 * Node 20 cannot load, so the HTTP test drives this process over real HTTP instead.
 * Prints `listening <port>` once the read models have caught up; closes the app on SIGTERM.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ConfigModule } from '../../src/config/config.module';
import { readConfig } from '../../src/config/registry-config';
import { EventStoreModule } from '../../src/event-store/event-store.module';
import { HealthController } from '../../src/health/health.controller';
import { startHttpTestApp } from '../support/http/http-test-app';
import { ReadModels } from '../../src/projections/read-models';
import { ReadModelsModule } from '../../src/projections/read-models.module';

async function main(): Promise<void> {
  const [dataDir] = process.argv.slice(2);
  const config = readConfig({ REGISTRY_DATA_DIR: dataDir, REGISTRY_SEED: 'none' });
  const app = await startHttpTestApp({
    imports: [ConfigModule.forRoot(config), EventStoreModule, ReadModelsModule],
    controllers: [HealthController],
  });
  const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
  writeFileSync(join(dataDir, 'openapi.json'), JSON.stringify(document));
  await app.get(ReadModels).caughtUp();
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`listening ${port}\n`);
  process.once('SIGTERM', () => {
    app
      .close()
      .then(() => {
        process.stdout.write('closed\n');
        process.exit(0);
      })
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
