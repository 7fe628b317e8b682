import { claimAt, rolesIn } from './oidc-verifier';

describe('OIDC claims', () => {
  it('reads the role claim by its exact name first, then as a dotted path', () => {
    expect(claimAt({ roles: ['recorder'] }, 'roles')).toEqual(['recorder']);
    expect(claimAt({ 'https://osce.example/roles': 'auditor' }, 'https://osce.example/roles')).toBe(
      'auditor',
    );
    expect(claimAt({ realm_access: { roles: ['reader'] } }, 'realm_access.roles')).toEqual([
      'reader',
    ]);
    expect(claimAt({ realm_access: 'x' }, 'realm_access.roles')).toBeUndefined();
    expect(claimAt({}, '__proto__.constructor')).toBeUndefined();
  });

  it('keeps only registry roles, from an array or a space-separated string', () => {
    expect([...rolesIn(['recorder', 'admin', 'auditor', 7])]).toEqual(['recorder', 'auditor']);
    expect([...rolesIn('reader  recorder')]).toEqual(['reader', 'recorder']);
    expect(rolesIn(undefined).size).toBe(0);
    expect(rolesIn({ recorder: true }).size).toBe(0);
  });
});
