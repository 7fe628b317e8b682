/** A JSON pointer (RFC 6901) to the value reached through `segments`; `[]` is the whole document. */
export function jsonPointer(segments: ReadonlyArray<string | number>): string {
  return segments.map((segment) => `/${escapeSegment(String(segment))}`).join('');
}

/** `~` becomes `~0` and `/` becomes `~1`, in that order. */
function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
