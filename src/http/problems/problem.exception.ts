import { HttpException } from '@nestjs/common';
import type { ProblemFieldError } from './problem-details';

export interface ProblemInit {
  readonly status: number;
  /** Stable kebab-case code; becomes the problem `type`. */
  readonly code: string;
  readonly detail: string;
  readonly errors?: readonly ProblemFieldError[];
  /** Response headers that belong to the answer, such as `Retry-After`. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** An HTTP answer already phrased as a problem; the filter sends it as it is. */
export class ProblemException extends HttpException {
  constructor(
    readonly problem: ProblemInit,
    options?: { cause?: unknown },
  ) {
    super(problem.detail, problem.status, options);
  }
}

/** A request header that cannot be understood (400, pointing at the header). */
export class InvalidHeaderException extends ProblemException {
  constructor(header: string, detail: string) {
    super({ status: 400, code: 'invalid-header', detail, errors: [{ header, detail }] });
  }
}

/** A query parameter that cannot be understood (400, pointing at the parameter). */
export class InvalidQueryParameterException extends ProblemException {
  constructor(parameter: string, detail: string) {
    super({
      status: 400,
      code: 'invalid-parameter',
      detail,
      errors: [{ parameter, detail }],
    });
  }
}
