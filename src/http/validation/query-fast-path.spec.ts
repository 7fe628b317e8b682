import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import {
  Allow,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  ValidateIf,
  validateSync,
} from 'class-validator';
import fc from 'fast-check';
import { ListFieldOperationsQuery } from '../../field-operations/read/list-field-operations.query';
import { TimelineQuery } from '../../field-operations/read/timeline.query';
import { AsOfQuery } from '../../shared/read/as-of.query';
import { KnownAtQuery } from '../../shared/read/known-at.query';
import { IsDay, IsSlug } from '../validators';
import { type DtoClass, QueryFastPath } from './query-fast-path';
import { createValidationPipe } from './validation-pipe';

class ConditionalQuery {
  @IsOptional()
  @IsIn(['csv', 'json'])
  format?: string;

  @ValidateIf((query: ConditionalQuery) => query.format === 'csv')
  @Matches(/^[,;]$/)
  separator?: string;

  @Allow()
  anything?: string;
}

class WithDefaultQuery {
  @IsOptional()
  @IsDay()
  asOf?: string;

  page = '1'; // set by the constructor, without rules: the whitelist refuses it
}

class EachQuery {
  @IsOptional()
  @IsSlug({ each: true })
  ids?: string[];
}

class TypedQuery {
  @IsOptional()
  @Type(() => Number)
  limit?: number;
}

class DateTypedQuery {
  @IsOptional()
  @Type(() => Date)
  since?: Date;
}

class TransformedQuery {
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => String(value).trim())
  @IsString()
  name?: string;
}

class DefinedQuery {
  @IsDefined()
  @IsString()
  q!: string;
}

class RuleWithCondition {
  @IsString()
  @Matches(/^a/, { validateIf: () => true } as object)
  name?: string;
}

const full = createValidationPipe({ queryFastPath: false });
const fullPipeOn = async (query: object, metatype: DtoClass) => {
  const metadata: ArgumentMetadata = { type: 'query', metatype, data: undefined };
  try {
    return { dto: (await full.transform({ ...query }, metadata)) as object };
  } catch (error) {
    return { error };
  }
};

describe('QueryFastPath', () => {
  it('covers the read queries whose rules it models', () => {
    const fast = new QueryFastPath();
    expect(fast.covers(AsOfQuery)).toBe(true);
    expect(fast.covers(KnownAtQuery)).toBe(true);
    expect(fast.covers(TimelineQuery)).toBe(true);
    expect(fast.covers(ConditionalQuery)).toBe(true);
    expect(fast.covers(TypedQuery)).toBe(true);
    expect(fast.covers(ListFieldOperationsQuery)).toBe(true);
  });

  it.each([
    ['a rule on each element', EachQuery],
    ['@Type of anything but Number', DateTypedQuery],
    ['@Transform', TransformedQuery],
    ['@IsDefined', DefinedQuery],
    ['a property without rules set by the constructor', WithDefaultQuery],
  ])('leaves a class with %s to the full validation', (_name, metatype) => {
    expect(new QueryFastPath().covers(metatype)).toBe(false);
  });

  it('accepts a valid query as the DTO the pipe returns', async () => {
    const query = { asOf: '2003-01-01', knownAt: '2004-05-06T07:08:09Z' };
    const dto = new QueryFastPath().accept(query, AsOfQuery);
    expect(dto).toBeInstanceOf(AsOfQuery);
    expect(dto).toEqual((await fullPipeOn(query, AsOfQuery)).dto);
    expect({ ...dto }).toMatchObject(query);
  });

  it.each([
    ['a malformed asOf', { asOf: '2003-02-30' }],
    ['a malformed knownAt', { knownAt: 'yesterday' }],
    ['a repeated parameter', { asOf: ['2003-01-01', '2003-01-02'] }],
    ['an unknown parameter', { asOf: '2003-01-01', status: 'active' }],
    ['a parameter named after object machinery', { toString: 'x' }],
  ])('leaves %s to the full validation', (_name, query) => {
    expect(new QueryFastPath().accept(query, AsOfQuery)).toBeUndefined();
  });

  it('converts a number parameter as class-transformer does, and leaves a bad one to the pipe', () => {
    const fast = new QueryFastPath();
    expect(fast.accept({ limit: '25' }, ListFieldOperationsQuery)).toMatchObject({ limit: 25 });
    expect(fast.accept({ limit: ' 7' }, TypedQuery)).toMatchObject({ limit: 7 });
    expect(fast.accept({ limit: 'ten' }, ListFieldOperationsQuery)).toBeUndefined();
    expect(fast.accept({ limit: '0' }, ListFieldOperationsQuery)).toBeUndefined();
    expect(fast.accept({ limit: '2.5' }, ListFieldOperationsQuery)).toBeUndefined();
  });

  it('runs a rule only when its conditions hold, as class-validator does', () => {
    const fast = new QueryFastPath();
    expect(fast.accept({ format: 'json', separator: 'x' }, ConditionalQuery)).toBeDefined();
    expect(fast.accept({ format: 'csv', separator: 'x' }, ConditionalQuery)).toBeUndefined();
    expect(fast.accept({ format: 'csv', separator: ';' }, ConditionalQuery)).toBeDefined();
    expect(fast.accept({ anything: 'at all' }, ConditionalQuery)).toBeDefined();
  });

  it('leaves a class with a per-rule validateIf to the full validation', () => {
    expect(validateSync(Object.assign(new RuleWithCondition(), { name: 'b' }))).not.toEqual([]);
    expect(new QueryFastPath().covers(RuleWithCondition)).toBe(false);
  });

  // The property the fast path rests on: whatever it accepts, the full pipe accepts as the same DTO.
  const values = fc.oneof(
    fc.constantFrom('2003-01-01', '1999-12-31', '2003-02-30', '2003-1-1', '', ' 2003-01-01'),
    fc.constantFrom('2003-01-01T00:00:00Z', '2003-01-01T00:00:00+02:00', '2003-01-01T00:00:00'),
    fc.constantFrom('1992', '2026', '99', '42', '-1', 'active', 'csv', ';', 'office-in-minsk'),
    fc.constantFrom('1', '1000', '1001', ' 7', '1e2', '0x10', '5.5', '0', 'NaN', 'Infinity'),
    fc.string({ maxLength: 12 }),
    fc.array(fc.constantFrom('2003-01-01', '1992'), { minLength: 2, maxLength: 3 }),
  );
  const keys = fc.constantFrom(
    'asOf',
    'knownAt',
    'minPosition',
    'from',
    'to',
    'format',
    'separator',
    'anything',
    'status',
    'limit',
    'constructor',
    'toString',
    '__proto__',
  );
  const classes: DtoClass[] = [
    AsOfQuery,
    KnownAtQuery,
    TimelineQuery,
    ConditionalQuery,
    ListFieldOperationsQuery,
    TypedQuery,
  ];

  it('accepts only what the full pipe accepts, and returns the same DTO', async () => {
    const fast = new QueryFastPath();
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...classes),
        fc.dictionary(keys, values, { maxKeys: 4 }),
        async (metatype, query) => {
          const dto = fast.accept({ ...query }, metatype);
          if (dto === undefined) return;
          accepted++;
          const expected = await fullPipeOn(query, metatype);
          expect(expected.error).toBeUndefined();
          expect(dto).toBeInstanceOf(metatype);
          expect(Object.entries(dto)).toEqual(Object.entries(expected.dto!));
        },
      ),
      { numRuns: 2000, seed: 1975 },
    );
    expect(accepted).toBeGreaterThan(50);
  });
});
