import { ApiKeyStore } from '../../../src/auth/api-key-store';

/**
 * An `Authorization` header for a new API key named `name` with `role` in the registry's data
 * folder (the server checks every request against that file, so it works at once). Each test
 * makes its own principals so that it can also show two principals side by side.
 */
export function recorderAuthorization(
  dataDir: string,
  name: string,
  role: 'recorder' | 'auditor' = 'recorder',
): Record<string, string> {
  const keys = ApiKeyStore.inDataDir(dataDir);
  try {
    return { authorization: `Bearer ${keys.create(name, role).key}` };
  } finally {
    keys.close();
  }
}
