import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { SampleDecisionDto } from '../../../test/support/http/sample-dtos';
import { MAX_REPORTED_FAILURES, pointedFailures, validationProblem } from './validation-problem';

async function failuresOf(body: object) {
  const errors = await validate(plainToInstance(SampleDecisionDto, body), {
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: true },
  });
  return pointedFailures(errors);
}

/** A deep copy made in the test's own realm (structuredClone's objects come from another). */
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const valid = {
  reference: 'PC.DEC/526',
  adoptedOn: '2002-12-30',
  effects: [
    { action: 'establish', id: 'office-in-minsk', hostStates: ['belarus'], establishedOn: '2003' },
    { action: 'close', operation: 'amg-in-belarus', closedOn: '2002-12-31' },
  ],
};

describe('pointedFailures', () => {
  it('finds nothing wrong with a valid decision', async () => {
    expect(await failuresOf(valid)).toEqual([]);
  });

  it('points into the effect of the right subtype', async () => {
    const body = clone(valid);
    body.effects[1].closedOn = '2002-13-01';
    expect(await failuresOf(body)).toEqual([
      {
        pointer: '/effects/1/closedOn',
        detail:
          'closedOn must be a date as precise as known: YYYY, YYYY-MM or YYYY-MM-DD, in the years 1900 to 2199',
      },
    ]);
  });

  it('points at each failing element of a list of slugs', async () => {
    const body = clone(valid);
    body.effects[0].hostStates = ['Belarus', 'ukraine', 'a b'];
    expect((await failuresOf(body)).map((f) => ('pointer' in f ? f.pointer : ''))).toEqual([
      '/effects/0/hostStates/0',
      '/effects/0/hostStates/2',
    ]);
  });

  it('points at a field the request may not have', async () => {
    expect(await failuresOf({ ...valid, 'odd/field~': 1 })).toEqual([
      { pointer: '/odd~1field~0', detail: 'odd/field~ is not a field of this request' },
    ]);
  });
});

describe('validationProblem', () => {
  it('is a 422 listing every failure', async () => {
    const errors = await validate(plainToInstance(SampleDecisionDto, {}));
    const { problem } = validationProblem(errors);
    expect(problem.status).toBe(422);
    expect(problem.code).toBe('validation-failed');
    expect(problem.errors?.map((f) => ('pointer' in f ? f.pointer : ''))).toEqual([
      '/reference',
      '/adoptedOn',
    ]);
  });

  it('reports at most a hundred failures', async () => {
    const effects = Array.from({ length: 150 }, () => ({ action: 'close', operation: 'x' }));
    const errors = await validate(plainToInstance(SampleDecisionDto, { ...valid, effects }));
    expect(validationProblem(errors).problem.errors).toHaveLength(MAX_REPORTED_FAILURES);
  });
});
