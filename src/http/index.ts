export {
  BODY_LIMIT_BYTES,
  configureHttp,
  createFastifyAdapter,
  type FastifyAdapterOptions,
  type HttpOptions,
  REQUEST_TIMEOUT_MS,
} from './configure-http';
export * from './problems/problem-details';
export * from './problems/problem.exception';
export { ProblemDetailsFilter } from './problems/problem-details.filter';
export { toProblem } from './problems/to-problem';
export { createValidationPipe } from './validation/validation-pipe';
export { jsonPointer } from './validation/json-pointer';
export { DecimalInteger, IsDay, IsInstant, IsPartialDate, IsSlug } from './validators';
export { RequestContext } from './request-context/request-context.decorator';
export { commandContextOf, CORRELATION_ID_HEADER } from './request-context/command-context-of';
export { ANONYMOUS, principalOf } from './request-context/principal';
export { created, written, type WrittenBody } from './responses/write-response';
export { MinPositionQuery } from './read-your-writes/min-position.query';
export { MIN_POSITION_HEADER, MIN_POSITION_PARAMETER } from './read-your-writes/min-position';
export {
  DEFAULT_READ_YOUR_WRITES_TIMEOUT_MS,
  ReadYourWritesGuard,
} from './read-your-writes/read-your-writes.guard';
export { PresetAnswer } from './responses/preset-answer';
