import { DomainError } from '../../shared/domain/domain-error';

/** A disagreement between sources about one field, and how the research resolved it. */
export interface Conflict {
  field: string;
  values: string[];
  resolution: string | null;
}

/**
 * Where a fact comes from, as the data set records it per fact: the sources behind it (URLs or
 * citations), the research's confidence entries (`{established: 'high', seat: 'medium (...)'}`),
 * the conflicts it recorded, and notes. Stored on the fact's event, shown in the history.
 */
export interface Provenance {
  sources: string[];
  confidence: Record<string, string>;
  conflicts: Conflict[];
  notes: string[];
}

/** Provenance as a command gives it: everything but the sources may be left out. */
export interface ProvenanceInput {
  sources: string[];
  confidence?: Record<string, string> | null;
  conflicts?: Array<{ field: string; values?: string[] | null; resolution?: string | null }> | null;
  notes?: string[] | null;
}

/** The bounds the DTOs enforce, checked again here for callers that bypass HTTP (the import). */
export const PROVENANCE_LIMITS = {
  sources: 50,
  source: 2000,
  confidenceEntries: 50,
  confidenceKey: 100,
  text: 2000,
  conflicts: 20,
  conflictValues: 20,
  notes: 50,
  note: 4000,
} as const;

const L = PROVENANCE_LIMITS;

const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.trim().length > 0 && value.length <= max;

const texts = (value: unknown, count: number, max: number): string | undefined => {
  if (!Array.isArray(value) || value.length > count) return '';
  const bad = value.findIndex((item) => !isText(item, max));
  return bad < 0 ? undefined : `/${bad}`;
};

/** The pointer (under `/provenance`) of the first value out of bounds, or undefined. */
function problemOf(input: ProvenanceInput): string | undefined {
  const sources = texts(input.sources, L.sources, L.source);
  if (sources !== undefined) return `/sources${sources}`;
  if (input.confidence != null) {
    if (typeof input.confidence !== 'object' || Array.isArray(input.confidence))
      return '/confidence';
    const entries = Object.entries(input.confidence);
    if (entries.length > L.confidenceEntries) return '/confidence';
    const bad = entries.find(([k, v]) => !isText(k, L.confidenceKey) || !isText(v, L.text));
    if (bad) return `/confidence/${bad[0]}`;
  }
  if (input.conflicts != null) {
    if (!Array.isArray(input.conflicts) || input.conflicts.length > L.conflicts)
      return '/conflicts';
    for (const [i, c] of input.conflicts.entries()) {
      if (!isText(c?.field, L.confidenceKey)) return `/conflicts/${i}/field`;
      const values = c.values == null ? undefined : texts(c.values, L.conflictValues, L.text);
      if (values !== undefined) return `/conflicts/${i}/values${values}`;
      if (c.resolution != null && !isText(c.resolution, L.text))
        return `/conflicts/${i}/resolution`;
    }
  }
  const notes = input.notes == null ? undefined : texts(input.notes, L.notes, L.note);
  return notes === undefined ? undefined : `/notes${notes}`;
}

/**
 * A fact's provenance in its stored shape, to spread into the event's data: `{}` when none was
 * given (the event then has no `provenance`, as every event recorded before it existed).
 */
export function withProvenance(input: ProvenanceInput | null | undefined): {
  provenance?: Provenance;
} {
  if (input == null) return {};
  const problem = problemOf(input);
  if (problem !== undefined) {
    throw new DomainError(
      'validation-failed',
      422,
      `provenance${problem.replace(/\//g, '.')} is out of bounds or empty`,
      `/provenance${problem}`,
    );
  }
  return {
    provenance: {
      sources: [...input.sources],
      confidence: { ...input.confidence },
      conflicts: (input.conflicts ?? []).map((c) => ({
        field: c.field,
        values: [...(c.values ?? [])],
        resolution: c.resolution ?? null,
      })),
      notes: [...(input.notes ?? [])],
    },
  };
}

/** "2 sources, conflict noted": what a history line says about a fact's provenance. */
export function provenanceSummary(provenance: Provenance | null | undefined): string | undefined {
  if (!provenance) return undefined;
  const count = provenance.sources.length;
  const parts = [`${count} source${count === 1 ? '' : 's'}`];
  const conflicts = provenance.conflicts?.length ?? 0;
  if (conflicts === 1) parts.push('conflict noted');
  if (conflicts > 1) parts.push(`${conflicts} conflicts noted`);
  return parts.join(', ');
}
