/**
 * The project's own OSCE data set (`data/osce/*.json`): the shared research data normalised into
 * the registry's command vocabulary. Each record is a list of events-to-be in valid-time order;
 * every event keeps the source URLs, the confidence and the conflicts that concern it.
 */
import type { SourceConflict } from './source-types';

export const FORMAT_VERSION = 1;

/** A source as the research data cites it: a URL (or none, for a non-web citation) and a note. */
export interface SourceRef {
  url: string | null;
  note: string | null;
}

/** Where a fact comes from and how sure the research is about it. */
export interface Provenance {
  /** URLs of the sources behind the fact (its record's sources). */
  sources: string[];
  /** The research's confidence entries that concern this fact (`field -> level`). */
  confidence: Record<string, string>;
  /** Values the sources disagree on, with how the research resolved them. */
  conflicts: SourceConflict[];
  /** Everything else worth keeping: annotations stripped from references, merged source events. */
  notes: string[];
}

export interface DataEvent<Action extends string = string, Data = Record<string, unknown>> {
  action: Action;
  /** Valid time of the fact (a partial date), or null when the sources lack it (see `gaps`). */
  on: string | null;
  /** The command body, in the registry's vocabulary. */
  data: Data;
  /** Values the command needs that the sources lack: the event cannot be recorded as it is. */
  gaps: string[];
  provenance: Provenance;
}

export interface DataRecord<E extends DataEvent = DataEvent> {
  id: string;
  /** `incomplete` when the record cannot be recorded as it is (see `incomplete`). */
  status: 'complete' | 'incomplete';
  /** Why the record cannot be recorded in full (a missing establishment or closure date, ...). */
  incomplete: string[];
  sources: SourceRef[];
  notes: string[];
  events: E[];
}

export interface DataFile<R> {
  format: string;
  version: number;
  generatedBy: string;
  source: string;
  items: R[];
}

export type OutputFiles = Record<string, string>;
