import { type PartialDate, precisionOf } from '../../shared/domain/partial-date';

export type JsonLdNode = Record<string, unknown>;

const XSD_TYPE_OF_PRECISION = { day: 'xsd:date', month: 'xsd:gYearMonth', year: 'xsd:gYear' };

/** A date as a typed literal of its own precision: `xsd:date`, `xsd:gYearMonth` or `xsd:gYear`. */
export function dateLiteral(date: PartialDate): JsonLdNode {
  return { '@value': date, '@type': XSD_TYPE_OF_PRECISION[precisionOf(date) ?? 'day'] };
}

/** A node without the keys whose value is null, undefined or an empty list. */
export function node(value: JsonLdNode): JsonLdNode {
  return Object.fromEntries(
    Object.entries(value).filter(
      ([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0),
    ),
  );
}

/** The values present, each once, in order. */
export const unique = <T>(values: readonly (T | null | undefined)[]): T[] => [
  ...new Set(values.filter((v): v is T => v !== null && v !== undefined)),
];
