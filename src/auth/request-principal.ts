import type { Principal } from './roles';

/** The principal the auth guard verified, per request (never taken from headers or the body). */
const principals = new WeakMap<object, Principal>();

export function setRequestPrincipal(request: object, principal: Principal): void {
  principals.set(request, principal);
}

export function requestPrincipalOf(request: object): Principal | undefined {
  return principals.get(request);
}
