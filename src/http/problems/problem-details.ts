/**
 * RFC 9457 problem details. Every problem type is a stable URI of the form
 * `https://registry.example/problems/<code>`, where `<code>` is a kebab-case name that never changes
 * once published (`already-established`, `validation-failed`, `not-found`, ...): clients switch on
 * `type`, people read `title` and `detail`. The URI identifies the problem; it need not resolve.
 */
export const PROBLEM_TYPE_BASE = 'https://registry.example/problems/';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * Where in the request one failure lies: a JSON pointer (RFC 6901) into the body, or the name of
 * a header or a query parameter.
 */
export type ProblemFieldError =
  | { readonly pointer: string; readonly detail: string }
  | { readonly header: string; readonly detail: string }
  | { readonly parameter: string; readonly detail: string };

export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  readonly errors?: readonly ProblemFieldError[];
}

export function problemType(code: string): string {
  return `${PROBLEM_TYPE_BASE}${code}`;
}

/** `already-established` -> `Already established`: the title is fixed per type. */
export function titleOf(code: string): string {
  const words = code.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
