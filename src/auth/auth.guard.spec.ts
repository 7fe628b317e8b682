import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import type { RegistryConfig } from '../config/registry-config';
import { ProblemException } from '../http/problems/problem.exception';
import type { ApiKeyStore } from './api-key-store';
import { AuthGuard } from './auth.guard';
import { requestPrincipalOf } from './request-principal';

const keys = {
  check: (token: string) =>
    token === 'reg_reader'
      ? { outcome: 'valid', key: { name: 'reader', role: 'reader' } }
      : { outcome: 'unknown' },
} as unknown as ApiKeyStore;

const guardWith = (publicReads: boolean) =>
  new AuthGuard({ publicReads } as RegistryConfig, keys, null);

const contextOf = (method: string, url: string, authorization?: string) => {
  const request = {
    method,
    url,
    routeOptions: { url },
    query: {},
    headers: authorization ? { authorization } : {},
  };
  const context = new ExecutionContextHost([request, {}, undefined]);
  context.setType('http');
  return { request, context };
};

describe('AuthGuard', () => {
  it('lets an anonymous public read through at once, without a promise', () => {
    const { context } = contextOf('GET', '/api/field-operations/:id');
    expect(guardWith(true).canActivate(context)).toBe(true);
  });

  it('lets health through at once, also when reads are not public', () => {
    expect(guardWith(false).canActivate(contextOf('GET', '/health').context)).toBe(true);
  });

  it('refuses an anonymous read when reads are not public, at once', () => {
    const { context } = contextOf('GET', '/api/field-operations/:id');
    expect(() => guardWith(false).canActivate(context)).toThrow(ProblemException);
  });

  it('refuses an anonymous write at once', () => {
    const { context } = contextOf('POST', '/api/field-operations');
    expect(() => guardWith(true).canActivate(context)).toThrow(ProblemException);
  });

  it('checks credentials that are sent, also on a public read, and records the principal', async () => {
    const { context, request } = contextOf('GET', '/api/field-operations/:id', 'Bearer reg_reader');
    const checked = guardWith(true).canActivate(context);
    expect(checked).toBeInstanceOf(Promise);
    await expect(checked).resolves.toBe(true);
    expect(requestPrincipalOf(request)?.actor).toBe('key:reader');
    const unknown = contextOf('GET', '/api/field-operations/:id', 'Bearer reg_unknown');
    await expect(guardWith(true).canActivate(unknown.context)).rejects.toMatchObject({
      problem: { status: 401 },
    });
  });
});
