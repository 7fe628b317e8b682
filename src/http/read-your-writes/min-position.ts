import {
  InvalidHeaderException,
  InvalidQueryParameterException,
} from '../problems/problem.exception';

export const MIN_POSITION_PARAMETER = 'minPosition';
export const MIN_POSITION_HEADER = 'X-Min-Position';

/** A global position as a client writes it: a non-negative integer of at most 19 digits. */
export const POSITION_PATTERN = /^\d{1,19}$/;

/**
 * The position a read must wait for, from `?minPosition=` or `X-Min-Position` (the later of the
 * two if both are sent); undefined when neither is. A malformed one answers 400.
 */
export function minPositionFrom(
  query: unknown,
  header: string | string[] | undefined,
): bigint | undefined {
  const fromQuery = parse(
    parameterOf(query),
    () =>
      new InvalidQueryParameterException(MIN_POSITION_PARAMETER, expected(MIN_POSITION_PARAMETER)),
  );
  const fromHeader = parse(
    header,
    () => new InvalidHeaderException(MIN_POSITION_HEADER, expected(MIN_POSITION_HEADER)),
  );
  if (fromQuery === undefined) return fromHeader;
  if (fromHeader === undefined) return fromQuery;
  return fromQuery > fromHeader ? fromQuery : fromHeader;
}

/** Takes `minPosition` out of a parsed query, so read DTOs that forbid unknown fields accept it. */
export function withoutMinPosition(query: unknown): void {
  if (typeof query === 'object' && query !== null) {
    delete (query as Record<string, unknown>)[MIN_POSITION_PARAMETER];
  }
}

function parameterOf(query: unknown): unknown {
  return typeof query === 'object' && query !== null
    ? (query as Record<string, unknown>)[MIN_POSITION_PARAMETER]
    : undefined;
}

/** The largest position any store can hold (SQLite's INTEGER and KurrentDB's are signed 64-bit). */
export const MAX_POSITION = 2n ** 63n - 1n;

/** A client-written position, or undefined if it is not one. */
export function parsePosition(value: unknown): bigint | undefined {
  if (typeof value !== 'string' || !POSITION_PATTERN.test(value.trim())) return undefined;
  const position = BigInt(value.trim());
  return position <= MAX_POSITION ? position : undefined;
}

function parse(value: unknown, invalid: () => Error): bigint | undefined {
  if (value === undefined) return undefined;
  const position = parsePosition(value);
  if (position === undefined) throw invalid();
  return position;
}

function expected(name: string): string {
  return `${name} must be a global position: one non-negative integer, as a write answered it`;
}
