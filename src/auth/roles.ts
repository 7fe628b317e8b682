/**
 * The registry's roles. A role is what a credential may do, not who holds it:
 * - `recorder` records decisions and facts (every write, `POST` outside `/api/audit/`);
 * - `auditor` uses the audit endpoints (`/api/audit/*`: verification, seals) and the full exports
 *   (`/api/exports/*`, the event log as NDJSON or CSV);
 * - `reader` reads, which matters only when reads are not public (`REGISTRY_PUBLIC_READS=false`).
 * Every role may read. `access-policy.ts` says which role each request needs.
 */
export const ROLES = ['recorder', 'auditor', 'reader'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who made a request, as the auth guard verified it. `actor` is what events record. */
export interface Principal {
  /** `key:<name>` for an API key; the token's subject (or configured claim) for OIDC. */
  readonly actor: string;
  readonly roles: ReadonlySet<Role>;
  readonly via: 'api-key' | 'oidc';
}
