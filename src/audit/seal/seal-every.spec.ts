import { ConfigError } from '../../config/registry-config';
import { DEFAULT_SEAL_EVERY, readSealEvery } from './seal-every';

describe('REGISTRY_SEAL_EVERY', () => {
  it('defaults to every 1000 events', () => {
    expect(readSealEvery({})).toBe(DEFAULT_SEAL_EVERY);
    expect(DEFAULT_SEAL_EVERY).toBe(1000);
  });

  it('takes a whole number, 0 turning automatic sealing off', () => {
    expect(readSealEvery({ REGISTRY_SEAL_EVERY: ' 250 ' })).toBe(250);
    expect(readSealEvery({ REGISTRY_SEAL_EVERY: '0' })).toBe(0);
  });

  it.each(['-1', '1.5', 'often', '1e3'])('refuses %s, naming the variable', (value) => {
    expect(() => readSealEvery({ REGISTRY_SEAL_EVERY: value })).toThrow(ConfigError);
    expect(() => readSealEvery({ REGISTRY_SEAL_EVERY: value })).toThrow(/REGISTRY_SEAL_EVERY/);
  });
});
