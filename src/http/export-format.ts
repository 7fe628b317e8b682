import { InvalidQueryParameterException } from './problems/problem.exception';

/** The representations a read can answer in: a JSON document, NDJSON lines or CSV. */
export const EXPORT_FORMATS = ['json', 'ndjson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Media types each format answers to in `Accept` (the first is the one it is sent as). */
const MEDIA_TYPES: Readonly<Record<ExportFormat, readonly string[]>> = {
  json: ['application/json'],
  ndjson: ['application/x-ndjson', 'application/ndjson'],
  csv: ['text/csv'],
};

export const FORMAT_PARAMETER = 'format';

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(accept: string): MediaRange[] {
  return accept.split(',').flatMap((part) => {
    const [range, ...parameters] = part.split(';').map((s) => s.trim().toLowerCase());
    const [type, subtype] = range.split('/');
    if (!type || !subtype) return [];
    const qParameter = parameters.find((p) => p.startsWith('q='));
    const q = qParameter === undefined ? 1 : Number(qParameter.slice(2));
    return Number.isFinite(q) ? [{ type, subtype, q }] : [];
  });
}

/** The quality the client gives a media type: that of the most specific range matching it. */
function qualityOf(mediaType: string, ranges: readonly MediaRange[]): number {
  const [type, subtype] = mediaType.split('/');
  let best: { specificity: number; q: number } | undefined;
  for (const range of ranges) {
    const specificity =
      range.type === type && range.subtype === subtype
        ? 2
        : range.type === type && range.subtype === '*'
          ? 1
          : range.type === '*' && range.subtype === '*'
            ? 0
            : -1;
    if (specificity >= 0 && (!best || specificity > best.specificity))
      best = { specificity, q: range.q };
  }
  return best?.q ?? 0;
}

/**
 * Proactive negotiation (RFC 9110 §12.5.1) among `offered`, the first being the default: the
 * format the client rates highest, the earlier offered on a tie. A missing or unsatisfiable
 * `Accept` gets the default rather than 406, as most clients mean "anything" by it.
 */
export function negotiateFormat(
  accept: string | undefined,
  offered: readonly ExportFormat[],
): ExportFormat {
  if (!accept) return offered[0];
  const ranges = parseAccept(accept);
  let chosen = offered[0];
  let chosenQ = 0;
  for (const format of offered) {
    const q = Math.max(...MEDIA_TYPES[format].map((mediaType) => qualityOf(mediaType, ranges)));
    if (q > chosenQ) {
      chosen = format;
      chosenQ = q;
    }
  }
  return chosen;
}

/**
 * The format a read answers in: `?format=` when given (it wins, as links cannot set headers),
 * else what `Accept` prefers. An unknown or repeated `format` is a 400.
 */
export function exportFormatOf(
  format: unknown,
  accept: string | undefined,
  offered: readonly ExportFormat[],
): ExportFormat {
  if (format === undefined) return negotiateFormat(accept, offered);
  if (typeof format !== 'string' || !(offered as readonly string[]).includes(format)) {
    throw new InvalidQueryParameterException(
      FORMAT_PARAMETER,
      `format must be one of: ${offered.join(', ')}`,
    );
  }
  return format as ExportFormat;
}
