import { Body, Controller, Post, Res } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsString } from 'class-validator';
import type { FastifyReply } from 'fastify';
import type { CommandContext } from '../../shared/application/command-context';
import { created, written, type WrittenBody } from '../responses/write-response';
import { PROBLEM_JSON, startHttpTestApp } from '../../../test/support/http/http-test-app';
import { RequestContext } from './request-context.decorator';

class RenameDto {
  @IsString()
  name!: string;
}

let seen: CommandContext | undefined;

@Controller('things')
class ThingsController {
  @Post()
  create(
    @Body() body: RenameDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): WrittenBody {
    seen = context;
    return created(reply, `/things/${body.name}`, { id: body.name, revision: 0n, position: 41n });
  }

  @Post(':id/renamings')
  rename(
    @Body() _body: RenameDto,
    @RequestContext() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): WrittenBody {
    seen = context;
    return written(reply, { id: 'thing', revision: 4n, position: 42n });
  }
}

describe('request context over HTTP', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startHttpTestApp({ controllers: [ThingsController] });
  });
  afterAll(async () => {
    await app.close();
  });
  beforeEach(() => {
    seen = undefined;
  });

  const post = (
    url: string,
    headers: Record<string, string> = {},
    payload: object = { name: 'x' },
  ) => app.inject({ method: 'POST', url, headers, payload });

  it('answers a creation with 201, Location, ETag and numbers', async () => {
    const response = await post('/things', { 'x-correlation-id': 'batch-7:1' });
    expect(response.statusCode).toBe(201);
    expect(response.headers.location).toBe('/things/x');
    expect(response.headers.etag).toBe('"0"');
    expect(response.headers['x-correlation-id']).toBe('batch-7:1');
    expect(response.json()).toEqual({ id: 'x', revision: 0, position: 41 });
  });

  it('fills the context from the headers, never from the body', async () => {
    const response = await post(
      '/things/thing/renamings',
      { 'x-correlation-id': 'abc', 'x-reason': '  typo in the name ', 'if-match': '"3"' },
      { name: 'y' },
    );
    expect(response.statusCode).toBe(201);
    expect(response.headers.etag).toBe('"4"');
    expect(seen).toEqual({
      actor: 'anonymous',
      correlationId: 'abc',
      causationId: 'abc',
      reason: 'typo in the name',
      expectedRevision: 3n,
    });
  });

  it('refuses an actor in the body', async () => {
    const response = await post('/things', {}, { name: 'x', actor: 'mallory' });
    expect(response.statusCode).toBe(422);
    expect(seen).toBeUndefined();
  });

  it('makes a UUID correlation id when none, or an odd one, is sent, and echoes it', async () => {
    const response = await post('/things', { 'x-correlation-id': 'has spaces' });
    const id = response.headers['x-correlation-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen).toMatchObject({ correlationId: id, causationId: id });
    expect(seen).not.toHaveProperty('reason');
    expect(seen).not.toHaveProperty('expectedRevision');
  });

  it('answers a malformed If-Match with a 400 problem pointing at the header', async () => {
    const response = await post('/things/thing/renamings', { 'if-match': 'W/"3"' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.json()).toMatchObject({
      type: 'https://registry.example/problems/invalid-header',
      errors: [{ header: 'If-Match', detail: expect.stringContaining('"3"') }],
    });
    expect(seen).toBeUndefined();
  });

  it('answers an over-long X-Reason with a 400 problem', async () => {
    const response = await post('/things', { 'x-reason': 'r'.repeat(501) });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ header: 'X-Reason', detail: expect.any(String) }]);
  });
});
