import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { REGISTRY_CONFIG, type RegistryConfig } from '../config/registry-config';
import { BUNDLED_DATA_SET, loadDataSet } from '../import/data-set';
import { describeReport } from '../import/import-report';
import { Importer } from '../import/importer';

/**
 * With REGISTRY_SEED=osce (the default), records at start whatever of the bundled OSCE history the
 * store does not hold yet, through the same commands staff use: the whole of it on an empty store,
 * nothing on the next start, the rest after an interrupted first start.
 */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
    @Inject(Importer) private readonly importer: Importer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.seed !== 'osce') return;
    const report = await this.importer.run(loadDataSet(BUNDLED_DATA_SET));
    if (report.recorded === 0) return;
    const [summary] = describeReport(report);
    this.logger.log(`${summary} (details: npm run cli -- import)`);
  }
}
