import { type ArgumentMetadata, type PipeTransform, ValidationPipe } from '@nestjs/common';
import type { ProblemFieldError } from '../problems/problem-details';
import { ProblemException } from '../problems/problem.exception';
import { isJsonObject, notAnObject, unreadable } from './body-shape';
import { type DtoClass, QueryFastPath } from './query-fast-path';
import { validationProblem } from './validation-problem';

/**
 * The global pipe: DTOs are instantiated (`transform`), unknown fields are refused
 * (`forbidNonWhitelisted`), and every failure becomes a problem pointing at the field: a 422 with
 * JSON pointers for a body, a 400 naming the parameters for a query or path. A valid query DTO
 * takes a compiled fast path that models exactly these options (`query-fast-path.ts`): change
 * them there too.
 */
export function createValidationPipe(
  options: { queryFastPath?: boolean } = {},
): PipeTransform<unknown, unknown> {
  return new ProblemValidationPipe(options.queryFastPath ?? true, {
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // The value stays on each error so that a failed `{ each: true }` rule can point at elements.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => validationProblem(errors),
  });
}

/** The types `ValidationPipe` does not validate (its `toValidate`). */
const UNVALIDATED: readonly unknown[] = [String, Boolean, Number, Array, Object, Buffer, Date];

/**
 * Nest's `ValidationPipe` with problems for answers, which answers at once (no promise) what it
 * does not validate in full: a path or query value of a primitive type (converted as the pipe
 * does) and a valid query (`QueryFastPath`). A route run by the lean pipeline then awaits nothing
 * for its arguments; Nest's router awaits either.
 */
class ProblemValidationPipe implements PipeTransform<unknown, unknown> {
  /** Valid query strings skip class-transformer and class-validator (see `QueryFastPath`). */
  private readonly queries = new QueryFastPath();
  private readonly full: ValidationPipe;

  /** `queryFastPath` false: every value validated in full (tests compare the two). */
  constructor(
    private readonly queryFastPath: boolean,
    options: ConstructorParameters<typeof ValidationPipe>[0],
  ) {
    this.full = new ValidationPipe(options);
  }

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (!validated(metadata)) return transformPrimitive(value, metadata);
    if (this.queryFastPath && metadata.type === 'query') {
      const accepted = this.queries.accept(value, metadata.metatype as DtoClass);
      if (accepted) return accepted;
    }
    return this.validate(value, metadata);
  }

  private async validate(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (isWholeBody(metadata) && value !== undefined && !isJsonObject(value)) {
      throw notAnObject(value);
    }
    try {
      return (await this.full.transform(value, metadata)) as unknown;
    } catch (error) {
      if (!(error instanceof ProblemException)) throw unreadable(value, metadata) ?? error;
      throw metadata.type === 'body' ? error : asParameters(error);
    }
  }
}

/** Whether `ValidationPipe` validates the value (its `toValidate`; custom decorators are not). */
function validated({ metatype, type }: ArgumentMetadata): boolean {
  return type !== 'custom' && metatype != null && !UNVALIDATED.includes(metatype);
}

/**
 * What `ValidationPipe` (with `transform`) returns for a value it does not validate (its
 * `transformPrimitive`): a named path or query value converted to the parameter's type.
 */
export function transformPrimitive(value: unknown, metadata: ArgumentMetadata): unknown {
  const { type, metatype, data } = metadata;
  if (!data || (type !== 'param' && type !== 'query')) return value;
  if (metatype === Boolean)
    return value === undefined ? undefined : value === true || value === 'true';
  if (metatype === Number) return value === undefined ? undefined : +(value as number);
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- what ValidationPipe does
  if (metatype === String && value !== undefined) return String(value);
  return value;
}

function isWholeBody(metadata: ArgumentMetadata): boolean {
  return metadata.type === 'body' && metadata.data === undefined;
}

/** Query and path values are named as parameters (`asOf`), not pointed at in a body. */
function asParameters(error: ProblemException): ProblemException {
  const errors = (error.problem.errors ?? []).map((failure): ProblemFieldError =>
    'pointer' in failure
      ? { parameter: parameterOf(failure.pointer), detail: failure.detail }
      : failure,
  );
  return new ProblemException({
    status: 400,
    code: 'invalid-parameter',
    detail: "The request's parameters are not valid (see errors).",
    errors,
  });
}

function parameterOf(pointer: string): string {
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}
