import { ConfigError } from '../../config/registry-config';

export const SEAL_EVERY_VARIABLE = 'REGISTRY_SEAL_EVERY';
export const DEFAULT_SEAL_EVERY = 1000;

/**
 * `REGISTRY_SEAL_EVERY`: seal automatically once this many events (seals not counted) follow the
 * last seal; `0` turns automatic sealing off (on-demand seals still work).
 */
export function readSealEvery(env: NodeJS.ProcessEnv): number {
  const raw = env[SEAL_EVERY_VARIABLE]?.trim();
  if (raw === undefined || raw === '') return DEFAULT_SEAL_EVERY;
  if (!/^\d{1,9}$/.test(raw)) {
    throw new ConfigError(
      `${SEAL_EVERY_VARIABLE} must be a whole number of events (0 turns automatic sealing off); got "${raw}"`,
    );
  }
  return Number(raw);
}
