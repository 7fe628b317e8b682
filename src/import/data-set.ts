import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The OSCE history that ships with the registry (data/osce/, see its README). */
export const BUNDLED_DATA_SET = join(__dirname, '..', '..', 'data', 'osce');

/** Where a fact comes from, as the data set records it (see data/osce/README.md). */
export interface DataSetProvenance {
  sources: string[];
  confidence?: Record<string, string>;
  conflicts?: unknown[];
  notes?: string[];
}

export interface DataSetEvent {
  action: string;
  on: string | null;
  data: Record<string, unknown>;
  gaps: string[];
  provenance?: DataSetProvenance;
}

export interface DataSetRecord {
  id: string;
  status: 'complete' | 'incomplete';
  incomplete: string[];
  events: DataSetEvent[];
  /** Decisions only. */
  reference?: string;
}

export interface DataSet {
  readonly dir: string;
  readonly participatingStates: DataSetRecord[];
  readonly decisions: DataSetRecord[];
  readonly fieldOperations: DataSetRecord[];
  readonly chairpersonships: DataSetRecord[];
}

export const DATA_SET_FILES = {
  participatingStates: 'participating-states.json',
  decisions: 'decisions.json',
  fieldOperations: 'field-operations.json',
  chairpersonships: 'chairpersonships.json',
} as const;

export class DataSetError extends Error {
  override readonly name = 'DataSetError';
}

/** Reads the four files of a data set folder (data/osce/ by default), checking their shape. */
export function loadDataSet(dir: string): DataSet {
  const read = (file: string): DataSetRecord[] => {
    const path = join(dir, file);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new DataSetError(`Cannot read ${path}: ${(error as Error).message}`);
    }
    const items = (parsed as { items?: unknown }).items;
    if (!Array.isArray(items)) throw new DataSetError(`${path} has no "items" list`);
    return items.map((item, i) => checkRecord(item, `${file} item ${i}`));
  };
  return {
    dir,
    participatingStates: read(DATA_SET_FILES.participatingStates),
    decisions: read(DATA_SET_FILES.decisions),
    fieldOperations: read(DATA_SET_FILES.fieldOperations),
    chairpersonships: read(DATA_SET_FILES.chairpersonships),
  };
}

function checkRecord(item: unknown, where: string): DataSetRecord {
  const record = item as Partial<DataSetRecord>;
  if (typeof record?.id !== 'string' || !Array.isArray(record.events)) {
    throw new DataSetError(`${where} is not a record (needs "id" and "events")`);
  }
  return {
    id: record.id,
    status: record.status === 'incomplete' ? 'incomplete' : 'complete',
    incomplete: record.incomplete ?? [],
    events: record.events,
    reference: record.reference,
  };
}
