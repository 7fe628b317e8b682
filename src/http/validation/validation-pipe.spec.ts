import 'reflect-metadata';
import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { AsOfQuery } from '../../shared/read/as-of.query';
import { ProblemException } from '../problems/problem.exception';
import { createValidationPipe, transformPrimitive } from './validation-pipe';

/** What Nest's own pipe returns, with the options `createValidationPipe` gives it. */
const nest = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });

describe('the validation pipe', () => {
  const pipe = createValidationPipe();

  it.each<[string, unknown, ArgumentMetadata]>([
    ['a path string', 'office-in-minsk', { type: 'param', metatype: String, data: 'id' }],
    ['a number in a query', '42', { type: 'query', metatype: Number, data: 'limit' }],
    ['a missing number', undefined, { type: 'query', metatype: Number, data: 'limit' }],
    ['true', 'true', { type: 'query', metatype: Boolean, data: 'all' }],
    ['anything else as a boolean', 'yes', { type: 'query', metatype: Boolean, data: 'all' }],
    ['a missing boolean', undefined, { type: 'query', metatype: Boolean, data: 'all' }],
    ['a missing string', undefined, { type: 'param', metatype: String, data: 'id' }],
    ['a whole query without a DTO', { a: '1' }, { type: 'query', metatype: Object }],
    ['a custom value', 7, { type: 'custom', metatype: String, data: 'x' }],
    ['a header', '3', { type: 'custom', metatype: Number, data: 'x-count' }],
    ['no type at all', '3', { type: 'param', metatype: undefined, data: 'id' }],
  ])('converts %s as ValidationPipe does, without a promise', async (_name, value, metadata) => {
    const answer = pipe.transform(value, metadata);
    expect(answer).not.toBeInstanceOf(Promise);
    expect(answer).toEqual(await nest.transform(value, metadata));
    expect(transformPrimitive(value, metadata)).toEqual(answer);
  });

  it('answers a valid query at once (no promise), as the DTO the full pipe returns', async () => {
    const metadata: ArgumentMetadata = { type: 'query', metatype: AsOfQuery, data: undefined };
    const answer = pipe.transform({ asOf: '2003-01-01' }, metadata);
    expect(answer).not.toBeInstanceOf(Promise);
    expect(answer).toBeInstanceOf(AsOfQuery);
    const full = createValidationPipe({ queryFastPath: false });
    expect(answer).toEqual(await full.transform({ asOf: '2003-01-01' }, metadata));
  });

  it('validates an invalid query in full and refuses it with a problem', async () => {
    const metadata: ArgumentMetadata = { type: 'query', metatype: AsOfQuery, data: undefined };
    const answer = pipe.transform({ asOf: '2003-13-01' }, metadata);
    expect(answer).toBeInstanceOf(Promise);
    await expect(answer).rejects.toBeInstanceOf(ProblemException);
  });
});
