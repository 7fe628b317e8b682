import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
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
export function createValidationPipe(options: { queryFastPath?: boolean } = {}): ValidationPipe {
  return new ProblemValidationPipe(options.queryFastPath ?? true, {
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // The value stays on each error so that a failed `{ each: true }` rule can point at elements.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => validationProblem(errors),
  });
}

class ProblemValidationPipe extends ValidationPipe {
  /** Valid query strings skip class-transformer and class-validator (see `QueryFastPath`). */
  private readonly queries = new QueryFastPath();

  /** `queryFastPath` false: every value validated in full (tests compare the two). */
  constructor(
    private readonly queryFastPath: boolean,
    options: ConstructorParameters<typeof ValidationPipe>[0],
  ) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (
      this.queryFastPath &&
      metadata.type === 'query' &&
      metadata.metatype &&
      this.toValidate(metadata)
    ) {
      const accepted = this.queries.accept(value, metadata.metatype as DtoClass);
      if (accepted) return accepted;
    }
    if (isWholeBody(metadata) && value !== undefined && !isJsonObject(value)) {
      if (this.toValidate(metadata)) throw notAnObject(value);
    }
    try {
      return (await super.transform(value, metadata)) as unknown;
    } catch (error) {
      if (!(error instanceof ProblemException)) throw unreadable(value, metadata) ?? error;
      throw metadata.type === 'body' ? error : asParameters(error);
    }
  }
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
