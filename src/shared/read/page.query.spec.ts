import type { ArgumentMetadata } from '@nestjs/common';
import { createValidationPipe, ProblemException } from '../../http';
import { QueryFastPath } from '../../http/validation/query-fast-path';
import { DEFAULT_PAGE, MAX_PAGE, Paged, pageRequestOf } from './page.query';

class ListQuery extends Paged(class {}) {}

const metadata: ArgumentMetadata = { type: 'query', metatype: ListQuery };

describe.each([
  ['with the query fast path', true],
  ['validated in full', false],
])('Paged: limit %s', (_label, queryFastPath) => {
  const pipe = createValidationPipe({ queryFastPath });
  const read = async (query: Record<string, string>) =>
    (await pipe.transform({ ...query }, metadata)) as InstanceType<typeof ListQuery>;

  it.each([
    ['1', 1],
    ['16', 16],
    ['1000', MAX_PAGE],
    ['0010', 10],
  ])('reads limit=%s as %i', async (limit, expected) => {
    const query = await read({ limit });
    expect(query.limit).toBe(expected);
    expect(pageRequestOf(query)).toEqual({ after: '', limit: expected });
  });

  it('defaults to the default page without a limit', async () => {
    expect(pageRequestOf(await read({}))).toEqual({ after: '', limit: DEFAULT_PAGE });
  });

  it.each([
    '0x10',
    '0b11',
    '0o7',
    '1e3',
    '1e2',
    '1.0',
    '2.5',
    '+5',
    '-1',
    ' 7',
    '7 ',
    '',
    'Infinity',
    'NaN',
    '١٢',
    '0',
    '1001',
    '99999999999999999999',
  ])('refuses limit=%j with a 400 naming limit', async (limit) => {
    let thrown: unknown;
    try {
      await read({ limit });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProblemException);
    const problem = (thrown as ProblemException).problem;
    expect(problem.status).toBe(400);
    expect(problem.errors).toEqual([
      expect.objectContaining({ parameter: 'limit', detail: expect.stringMatching(/limit/) }),
    ]);
  });

  it('says what a limit must be written as', async () => {
    await expect(read({ limit: '0x10' })).rejects.toMatchObject({
      problem: {
        errors: [
          {
            parameter: 'limit',
            detail: `limit must be a whole number written in decimal digits, from 1 to ${MAX_PAGE}`,
          },
        ],
      },
    });
  });
});

describe('Paged and the query fast path', () => {
  it('is compiled by the fast path (with @DecimalInteger)', () => {
    expect(new QueryFastPath().covers(ListQuery)).toBe(true);
  });
});
