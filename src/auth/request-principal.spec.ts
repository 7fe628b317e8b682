import type { FastifyRequest } from 'fastify';
import { ANONYMOUS, principalOf } from '../http/request-context/principal';
import { setRequestPrincipal } from './request-principal';

describe('principalOf', () => {
  const request = (body: unknown = {}) => ({ body, headers: {} }) as unknown as FastifyRequest;

  it('is the actor the guard verified, whatever the body or headers say', () => {
    const verified = request({ actor: 'mallory' });
    (verified.headers as Record<string, string>)['x-actor'] = 'mallory';
    setRequestPrincipal(verified, {
      actor: 'key:alice',
      roles: new Set(['recorder']),
      via: 'api-key',
    });
    expect(principalOf(verified)).toBe('key:alice');
  });

  it('is anonymous where no guard verified anyone', () => {
    expect(principalOf(request({ actor: 'mallory' }))).toBe(ANONYMOUS);
  });
});
