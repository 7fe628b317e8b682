import { ProblemException } from '../problems/problem.exception';
import { jsonPointer } from './json-pointer';

/** How deep a request body may nest; the deepest command (a decision's effect) needs about 7. */
export const MAX_BODY_DEPTH = 32;

/** C0 controls other than tab, line feed and carriage return; NUL among them. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
/** A UTF-16 surrogate without its other half: not a Unicode character, not encodable in UTF-8. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Keys that name the machinery of JavaScript objects (`__proto__`, `constructor`, `prototype`,
 * `toString`, ...). No request has such a field, and the pipe would not refuse them as it refuses
 * other unknown fields: Nest strips the first three and class-transformer skips the others, so a
 * body carrying one would be accepted without it. They are refused like any unknown field.
 */
const OBJECT_MACHINERY = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

type Path = ReadonlyArray<string | number>;

/**
 * What every parsed JSON body must be before anything else reads it: nested at most
 * `MAX_BODY_DEPTH` deep (recursive readers such as class-transformer would exhaust the stack on
 * deeper ones), no key of `OBJECT_MACHINERY`, and text (keys and strings) that is well-formed Unicode without control
 * characters (a lone surrogate cannot be stored as UTF-8, so it would be altered on its way to
 * the read models). Walks the body without recursion; answers the first fault as a 422 problem.
 */
export function checkBody(body: unknown): ProblemException | undefined {
  const pending: Array<{ value: unknown; path: Path }> = [{ value: body, path: [] }];
  while (pending.length > 0) {
    const { value, path } = pending.pop()!;
    if (typeof value === 'string') {
      const fault = textFault(value);
      if (fault) return invalid(path, fault);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= MAX_BODY_DEPTH) {
      return invalid(path, `is nested deeper than ${MAX_BODY_DEPTH} levels`);
    }
    const entries: Array<[string | number, unknown]> = Array.isArray(value)
      ? value.map((element, index): [number, unknown] => [index, element])
      : Object.entries(value);
    for (const [key, child] of entries) {
      if (typeof key === 'string') {
        if (OBJECT_MACHINERY.has(key))
          return invalid([...path, key], 'is not a field of this request');
        const fault = textFault(key);
        if (fault) return invalid(path, `has a field name that ${fault}`);
      }
      pending.push({ value: child, path: [...path, key] });
    }
  }
  return undefined;
}

function textFault(text: string): string | undefined {
  if (LONE_SURROGATE.test(text)) return 'holds a lone UTF-16 surrogate (not a Unicode character)';
  if (CONTROL.test(text)) return 'holds a control character (only tab and line breaks are allowed)';
  return undefined;
}

function invalid(path: Path, fault: string): ProblemException {
  const pointer = jsonPointer(path);
  const detail = `${pointer === '' ? 'The request body' : pointer} ${fault}`;
  return new ProblemException({
    status: 422,
    code: 'validation-failed',
    detail,
    errors: [{ pointer, detail }],
  });
}
