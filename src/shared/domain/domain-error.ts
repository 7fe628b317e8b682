/**
 * A command refused by a domain rule. `status` says how HTTP reports it (404 unknown target,
 * 409 conflict with what is recorded, 422 a request that can never be valid); `pointer` is the
 * JSON pointer of the offending field in the request body.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: string,
    readonly status: 404 | 409 | 422,
    message: string,
    readonly pointer?: string,
  ) {
    super(message);
  }

  /** The same error, pointing inside a larger request (an effect of a decision). */
  within(prefix: string): DomainError {
    return new DomainError(this.code, this.status, this.message, `${prefix}${this.pointer ?? ''}`);
  }
}
