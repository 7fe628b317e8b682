import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  SampleAsOfQuery,
  SampleCloseEffect,
  SampleDecisionDto,
  SampleEstablishEffect,
} from '../../../test/support/http/sample-dtos';
import { PROBLEM_JSON, startHttpTestApp } from '../../../test/support/http/http-test-app';

@Controller('decisions')
class SampleController {
  @Post()
  record(@Body() dto: SampleDecisionDto): unknown {
    return {
      dto: dto.constructor.name,
      effects: (dto.effects ?? []).map((effect) => effect.constructor.name),
    };
  }

  @Get()
  list(@Query() query: SampleAsOfQuery): unknown {
    return { asOf: query.asOf ?? null };
  }
}

const valid = {
  reference: 'PC.DEC/526',
  adoptedOn: '2002-12-30',
  effects: [
    {
      action: 'establish',
      id: 'office-in-minsk',
      hostStates: ['belarus'],
      establishedOn: '2003-01-01',
    },
    { action: 'close', operation: 'amg-in-belarus', closedOn: '2002-12-31' },
  ],
};

describe('validation over HTTP', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startHttpTestApp({ controllers: [SampleController] });
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (payload: unknown) =>
    app.inject({
      method: 'POST',
      url: '/decisions',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(payload),
    });

  const pointers = (body: { errors?: Array<{ pointer?: string; parameter?: string }> }) =>
    (body.errors ?? []).map((failure) => failure.pointer ?? failure.parameter);

  it('builds the DTO and each effect of its own class', async () => {
    const response = await post(valid);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      dto: SampleDecisionDto.name,
      effects: [SampleEstablishEffect.name, SampleCloseEffect.name],
    });
  });

  it('answers 422 with a pointer per failure inside the effects', async () => {
    const response = await post({
      ...valid,
      adoptedOn: '30.12.2002',
      effects: [
        { ...valid.effects[0], hostStates: ['belarus', 'Not A Slug'] },
        { ...valid.effects[1], closedOn: '2002-02-30' },
      ],
    });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    const body = response.json();
    expect(body).toMatchObject({
      type: 'https://registry.example/problems/validation-failed',
      status: 422,
      instance: '/decisions',
    });
    expect(body.errors).toEqual([
      {
        pointer: '/adoptedOn',
        detail:
          'adoptedOn must be a date as precise as known: YYYY, YYYY-MM or YYYY-MM-DD, in the years 1900 to 2199',
      },
      {
        pointer: '/effects/0/hostStates/1',
        detail: expect.stringMatching(/^hostStates\[1\] must be a slug/),
      },
      {
        pointer: '/effects/1/closedOn',
        detail:
          'closedOn must be a date as precise as known: YYYY, YYYY-MM or YYYY-MM-DD, in the years 1900 to 2199',
      },
    ]);
  });

  it('refuses a field the DTO does not declare, at any depth', async () => {
    const response = await post({
      ...valid,
      actor: 'mallory',
      effects: [valid.effects[0], { ...valid.effects[1], note: 'x' }],
    });
    expect(response.statusCode).toBe(422);
    expect(pointers(response.json())).toEqual(['/actor', '/effects/1/note']);
  });

  it('refuses an effect of an unknown action', async () => {
    const response = await post({ ...valid, effects: [{ action: 'dissolve', operation: 'x' }] });
    expect(response.statusCode).toBe(422);
    expect(pointers(response.json())).toContain('/effects/0/action');
  });

  it.each([
    ['an array', []],
    ['a string', 'x'],
    ['null', null],
    ['a number', 1],
  ])('answers a body that is %s with 422 pointing at the whole body', async (_, payload) => {
    const response = await post(payload);
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(pointers(response.json())).toEqual(['']);
  });

  it.each([
    ['null', null],
    ['a string', 'close'],
    ['an array', [1]],
  ])('answers an effect that is %s with 422, not 500', async (_, effect) => {
    const response = await post({ ...valid, effects: [effect] });
    expect(response.statusCode).toBe(422);
    expect(pointers(response.json())[0]).toMatch(/^\/effects/);
  });

  it('answers a missing body with the missing fields', async () => {
    const response = await app.inject({ method: 'POST', url: '/decisions' });
    expect(response.statusCode).toBe(422);
    expect(pointers(response.json())).toEqual(['/reference', '/adoptedOn']);
  });

  it('names a bad query parameter with a 400', async () => {
    expect((await app.inject({ method: 'GET', url: '/decisions?asOf=2003-01-01' })).json()).toEqual(
      {
        asOf: '2003-01-01',
      },
    );
    const response = await app.inject({ method: 'GET', url: '/decisions?asOf=2003-01&x=1' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.json().errors).toEqual([
      { parameter: 'x', detail: 'x is not a field of this request' },
      { parameter: 'asOf', detail: 'asOf must be a day: YYYY-MM-DD' },
    ]);
  });
});
