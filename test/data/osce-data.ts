import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ChairpersonshipRecord } from '../../scripts/osce-data/chairpersonships';
import type { DecisionRecord } from '../../scripts/osce-data/decisions';
import type { OperationRecord } from '../../scripts/osce-data/field-operations';
import type { StateRecord } from '../../scripts/osce-data/participating-states';

/** The committed data set and, when present, the shared research it is generated from. */
export const REPO = resolve(__dirname, '../..');
export const DATA_DIR = join(REPO, 'data/osce');
export const SHARED_SOURCE = resolve(REPO, '../shared/data/osce');

export const GENERATED_FILES = [
  'participating-states.json',
  'field-operations.json',
  'decisions.json',
  'chairpersonships.json',
  'manifest.json',
];

const load = <T>(name: string): T => JSON.parse(readFileSync(join(DATA_DIR, name), 'utf8')) as T;

export interface CountEntry {
  date: string;
  count: number;
}

export const states = load<{ countHistory: CountEntry[]; items: StateRecord[] }>(
  'participating-states.json',
);
export const operations = load<{ items: OperationRecord[] }>('field-operations.json').items;
export const decisions = load<{ items: DecisionRecord[] }>('decisions.json').items;
export const chairpersonships = load<{ items: ChairpersonshipRecord[] }>(
  'chairpersonships.json',
).items;
export const manifest = load<{
  incomplete: Array<{ file: string; id: string; reasons: string[] }>;
}>('manifest.json');

export function operation(id: string): OperationRecord {
  const found = operations.find((o) => o.id === id);
  if (!found) throw new Error(`no field operation ${id}`);
  return found;
}

export function state(id: string): StateRecord {
  const found = states.items.find((s) => s.id === id);
  if (!found) throw new Error(`no participating State ${id}`);
  return found;
}

export function decision(reference: string): DecisionRecord {
  const found = decisions.find((d) => d.reference === reference);
  if (!found) throw new Error(`no decision ${reference}`);
  return found;
}
