/**
 * Text a reader can see: a string with at least one character that is neither white space nor an
 * invisible format character (zero-width space and joiners, word joiner, byte-order mark, soft
 * hyphen). A name of three spaces or of one U+200B is no name.
 */
export function hasText(value: unknown): value is string {
  return typeof value === 'string' && VISIBLE.test(value);
}

const VISIBLE = /[^\s\p{Cf}]/u;
