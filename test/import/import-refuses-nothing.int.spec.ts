import { BUNDLED_DATA_SET, loadDataSet } from '../../src/import/data-set';
import { Importer } from '../../src/import/importer';
import { RegistryUnderTest } from '../support/registry-app';

/**
 * Every recordable fact of the bundled OSCE history passes the domain rules: a rule that refuses
 * one is too strict for the real record (or the record needs a look), not a reason to drop it.
 */
describe('Importing the OSCE data set through the domain rules', () => {
  let registry: RegistryUnderTest;
  beforeAll(async () => {
    registry = await RegistryUnderTest.start('sqlite');
  }, 120_000);
  afterAll(async () => registry?.stop());

  it('has no command refused', async () => {
    const report = await registry.app.get(Importer).run(loadDataSet(BUNDLED_DATA_SET));
    expect(report.failed).toEqual([]);
  }, 120_000);
});
