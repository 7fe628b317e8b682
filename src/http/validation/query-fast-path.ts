import { TransformationType } from 'class-transformer';
import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { createRequire } from 'node:module';
import { decimalIntegerOf } from '../validators';

/**
 * A cheaper way through the validation pipe for a query string that is valid, the same for every
 * route: compiled once per query DTO class from class-validator's own metadata, it runs the very
 * checks class-validator would run (the same constraint functions, on the same values) without
 * class-transformer's and class-validator's generic machinery (metadata lookups over every DTO of
 * the app, error objects for each property, promises), which cost more than the read itself.
 *
 * It only ever *accepts*: `accept` returns the DTO instance the pipe would return, or undefined
 * whenever it cannot vouch for that (a rule fails, a parameter is repeated or unknown, a class
 * uses something it does not model). Then the pipe validates as before and answers the same
 * precise problem. Soundness rests on modelling what the pipe does for its fixed options
 * (`transform`, `whitelist`, `forbidNonWhitelisted`, no transform options):
 *
 * - class-transformer's `plainToInstance` without metadata on the class is `new Class()` and a
 *   copy of each string value, or `Number(value)` for a property typed `@Type(() => Number)`
 *   (what its executor does for that target type), or `decimalIntegerOf(value)` for one marked
 *   `@DecimalInteger()` (its own transform); classes with any other `@Type`, `@Transform`,
 *   `@Expose` or `@Exclude`, or accessors, are not compiled;
 * - class-validator's whitelist refuses an own key without rules, so any such key falls back;
 * - per property, its conditions (`@IsOptional`, `@ValidateIf`) decide whether the rules run, and
 *   each rule is its constraint's `validate(value, args)`, which must return `true` synchronously
 *   (`each`, asynchronous, nested, `@IsDefined` and per-rule `validateIf` rules are not compiled).
 */
/** A DTO class, as the pipe gets it (`metadata.metatype`). */
export type DtoClass = new () => object;

export class QueryFastPath {
  private readonly compiled = new Map<DtoClass, CompiledQuery | null>();

  /** The DTO the validation pipe would return for `query`, or undefined: validate it in full. */
  accept(query: unknown, metatype: DtoClass): object | undefined {
    let compiled = this.compiled.get(metatype);
    if (compiled === undefined) {
      compiled = compile(metatype);
      this.compiled.set(metatype, compiled);
    }
    if (compiled === null || typeof query !== 'object' || query === null) return undefined;
    return compiled.accept(query as Record<string, unknown>);
  }

  /** Whether a DTO class gets the fast path (for tests). */
  covers(metatype: DtoClass): boolean {
    this.accept({}, metatype);
    return this.compiled.get(metatype) != null;
  }
}

type Check = (value: unknown, dto: Record<string, unknown>) => boolean;

interface PropertyRules {
  readonly name: string;
  /** All must hold for the rules to run (class-validator's conditional validations). */
  readonly conditions: readonly Check[];
  readonly rules: readonly Check[];
}

/** What `plainToInstance` makes of one string parameter. */
type Conversion = (value: string) => unknown;

class CompiledQuery {
  private readonly allowed: ReadonlySet<string>;

  constructor(
    private readonly metatype: DtoClass,
    private readonly properties: readonly PropertyRules[],
    private readonly conversions: ReadonlyMap<string, Conversion>,
  ) {
    this.allowed = new Set(properties.map((property) => property.name));
  }

  accept(query: Record<string, unknown>): object | undefined {
    const dto = new this.metatype() as Record<string, unknown>;
    for (const key of Object.keys(query)) {
      const value = query[key];
      // A repeated parameter (an array) or an unknown one: the pipe words the refusal.
      if (typeof value !== 'string' || !this.allowed.has(key)) return undefined;
      const convert = this.conversions.get(key);
      dto[key] = convert ? convert(value) : value;
    }
    for (const property of this.properties) {
      const value = dto[property.name];
      if (!property.conditions.every((condition) => condition(value, dto))) continue;
      if (!property.rules.every((rule) => rule(value, dto))) return undefined;
    }
    return dto;
  }
}

/** The compiled query of a DTO class, or null if it uses anything not modelled above. */
function compile(metatype: DtoClass): CompiledQuery | null {
  const storage = getMetadataStorage();
  // The arguments class-validator's executor passes for `validate(dto, options)` without groups.
  const metadatas = storage.getTargetValidationMetadatas(
    metatype,
    undefined as unknown as string,
    false,
    false,
    undefined,
  );
  // No rules at all: class-validator refuses the value as unknown (forbidUnknownValues).
  if (metadatas.length === 0) return null;
  const conversions = conversionsOf(metatype, metadatas);
  if (!conversions) return null;
  const byProperty = new Map<string, { conditions: Check[]; rules: Check[] }>();
  for (const metadata of metadatas) {
    const property = byProperty.get(metadata.propertyName) ?? { conditions: [], rules: [] };
    byProperty.set(metadata.propertyName, property);
    if (metadata.each || metadata.validateIf) return null;
    switch (metadata.type) {
      case ValidationTypes.CONDITIONAL_VALIDATION: {
        const condition = metadata.constraints[0] as (dto: object, value: unknown) => boolean;
        property.conditions.push((value, dto) => condition(dto, value));
        break;
      }
      case ValidationTypes.CUSTOM_VALIDATION: {
        const rule = compiledRule(metatype, metadata);
        if (!rule) return null;
        property.rules.push(rule);
        break;
      }
      case ValidationTypes.WHITELIST: // @Allow(): allowed, no check
        break;
      default: // nested, promise, @IsDefined: validated in full
        return null;
    }
  }
  // An own property the constructor sets without rules would be refused by the whitelist.
  const blank = Object.keys(new metatype());
  if (blank.some((key) => !byProperty.has(key))) return null;
  return new CompiledQuery(
    metatype,
    [...byProperty].map(([name, { conditions, rules }]) => ({ name, conditions, rules })),
    conversions,
  );
}

/** A rule as class-validator runs it: each of its constraint's instances must say `true`. */
function compiledRule(metatype: DtoClass, metadata: ValidationMetadata): Check | undefined {
  const constraints = getMetadataStorage().getTargetValidatorConstraints(metadata.constraintCls);
  if (constraints.length === 0 || constraints.some((constraint) => constraint.async)) {
    return undefined;
  }
  return (value, dto) => {
    const args: ValidationArguments = {
      targetName: metatype.name,
      property: metadata.propertyName,
      object: dto,
      value,
      constraints: metadata.constraints,
    };
    // Anything but a synchronous `true` (false, a promise) is left to class-validator.
    return constraints.every((constraint) => constraint.instance.validate(value, args) === true);
  };
}

/** class-transformer's metadata store (not exported from the package's entry point). */
interface TransformerStorage {
  getStrategy(target: DtoClass): string;
  getExposedMetadatas(target: DtoClass): unknown[];
  getExcludedMetadatas(target: DtoClass): unknown[];
  findTypeMetadata(target: DtoClass, property: string): unknown;
  findTransformMetadatas(target: DtoClass, property: string, type: TransformationType): unknown[];
}

/** The store `plainToInstance` reads, beside class-transformer's entry point (`cjs/index.js`). */
const transformer = (
  createRequire(require.resolve('class-transformer'))('./storage') as {
    defaultMetadataStorage: TransformerStorage;
  }
).defaultMetadataStorage;

interface TypeMetadata {
  readonly typeFunction: (options?: unknown) => unknown;
}

interface TransformMetadata {
  readonly transformFn: unknown;
  readonly options?: Readonly<Record<string, unknown>>;
}

/** `@DecimalInteger()` as the only transform, applied both ways, in every group and version. */
function isDecimalInteger(transforms: unknown[]): boolean {
  if (transforms.length !== 1) return false;
  const { transformFn, options } = transforms[0] as TransformMetadata;
  return (
    transformFn === decimalIntegerOf &&
    (options === undefined || Object.values(options).every((option) => option === undefined))
  );
}

/**
 * What `plainToInstance(metatype, query)` does to each parameter, if it amounts to `new metatype()`
 * plus one assignment per string, converted with `Number` where the property is typed
 * `@Type(() => Number)` and with `decimalIntegerOf` where it is `@DecimalInteger()`: no other
 * class-transformer decorator on the class or its ancestors, and no accessor or method of the
 * prototype chain named like a property (class-transformer skips those). Undefined otherwise.
 */
function conversionsOf(
  metatype: DtoClass,
  metadatas: ValidationMetadata[],
): Map<string, Conversion> | undefined {
  if (transformer.getStrategy(metatype) !== 'none') return undefined;
  if (transformer.getExposedMetadatas(metatype).length > 0) return undefined;
  if (transformer.getExcludedMetadatas(metatype).length > 0) return undefined;
  const conversions = new Map<string, Conversion>();
  for (const { propertyName } of metadatas) {
    if (propertyName in metatype.prototype) return undefined;
    const transforms = transformer.findTransformMetadatas(
      metatype,
      propertyName,
      TransformationType.PLAIN_TO_CLASS,
    );
    const type = transformer.findTypeMetadata(metatype, propertyName) as TypeMetadata | undefined;
    if (transforms.length > 0) {
      // Only `@DecimalInteger()` alone: its conversion, on the string the query holds.
      if (type !== undefined || !isDecimalInteger(transforms)) return undefined;
      conversions.set(propertyName, (value) => decimalIntegerOf({ value }));
      continue;
    }
    if (type === undefined) continue;
    if (type.typeFunction() !== Number) return undefined;
    conversions.set(propertyName, Number);
  }
  return conversions;
}
