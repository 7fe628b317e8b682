import type { ArgumentMetadata } from '@nestjs/common';
import { ProblemException } from '../problems/problem.exception';
import { jsonPointer } from './json-pointer';

export function isJsonObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function notAnObject(value: unknown): ProblemException {
  const found = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
  const detail = `The request body must be a JSON object, not ${found}`;
  return new ProblemException({
    status: 422,
    code: 'validation-failed',
    detail,
    errors: [{ pointer: '', detail }],
  });
}

/**
 * class-transformer throws a TypeError on `null` in an array of discriminated objects (it reads
 * the discriminator of null); that is the client's mistake, so it answers 422, not 500.
 */
export function unreadable(
  value: unknown,
  metadata: ArgumentMetadata,
): ProblemException | undefined {
  const nulls = metadata.type === 'body' ? nullElementsOf(value) : [];
  if (nulls.length === 0) return undefined;
  const detail = 'must be an object, not null';
  return new ProblemException({
    status: 422,
    code: 'validation-failed',
    detail: 'The request is not valid: a list holds null where an object belongs (see errors).',
    errors: nulls.map((path) => ({
      pointer: jsonPointer(path),
      detail: `${path.join('.')} ${detail}`,
    })),
  });
}

function nullElementsOf(
  value: unknown,
  path: Array<string | number> = [],
): Array<Array<string | number>> {
  if (Array.isArray(value)) {
    return value.flatMap((element: unknown, index) =>
      element === null ? [[...path, index]] : nullElementsOf(element, [...path, index]),
    );
  }
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => nullElementsOf(child, [...path, key]));
}
