/** Stable public ids: lower-case kebab-case slugs such as `office-in-minsk`. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isSlug(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 100 && SLUG.test(value);
}

/** `PC.DEC/526` -> `pc-dec-526`; `MC.DEC/1/25` -> `mc-dec-1-25`. */
export function slugOfReference(reference: string): string {
  return reference
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
