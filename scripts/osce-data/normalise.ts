import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normaliseChairpersonship } from './chairpersonships';
import { toJson } from './common';
import { DecisionCollector } from './decisions';
import { normaliseOperation } from './field-operations';
import { FORMAT_VERSION, type DataRecord, type OutputFiles } from './format';
import { normaliseStates } from './participating-states';
import type { SourceData } from './source-types';

export const SOURCE_FILES = {
  fieldOperations: 'field_operations.json',
  participatingStates: 'participating_states.json',
  chairpersonships: 'chairpersonships.json',
} as const;

const GENERATED_BY = 'scripts/normalise-osce-data.ts';

export function readSource(dir: string): { data: SourceData; raw: Record<string, Buffer> } {
  const raw: Record<string, Buffer> = {};
  for (const file of Object.values(SOURCE_FILES)) raw[file] = readFileSync(join(dir, file));
  const parse = <T>(file: string): T => JSON.parse(raw[file].toString('utf8')) as T;
  return {
    raw,
    data: {
      fieldOperations: parse(SOURCE_FILES.fieldOperations),
      participatingStates: parse(SOURCE_FILES.participatingStates),
      chairpersonships: parse(SOURCE_FILES.chairpersonships),
    },
  };
}

const header = (name: string, source: string) => ({
  format: `osce-registry/${name}`,
  version: FORMAT_VERSION,
  generatedBy: GENERATED_BY,
  source: `../shared/data/osce/${source}`,
});

/** The data set's files, name -> exact content, from the parsed source files. */
export function normalise(data: SourceData, raw: Record<string, Buffer>): OutputFiles {
  const decisions = new DecisionCollector();
  const operations = data.fieldOperations.map((op) => normaliseOperation(op, decisions));
  const states = normaliseStates(data.participatingStates);
  const chairs = data.chairpersonships.chairpersonships.map(normaliseChairpersonship);
  const decisionRecords = decisions.records();
  const files: Record<string, { source: string; items: DataRecord[] } & Record<string, unknown>> = {
    'participating-states.json': {
      ...header('participating-states', SOURCE_FILES.participatingStates),
      currentCount: states.currentCount,
      currentCountSince: states.currentCountSince,
      countHistory: states.countHistory,
      items: states.items,
    },
    'field-operations.json': {
      ...header('field-operations', SOURCE_FILES.fieldOperations),
      items: operations,
    },
    'decisions.json': {
      ...header('decisions', SOURCE_FILES.fieldOperations),
      items: decisionRecords,
    },
    'chairpersonships.json': {
      ...header('chairpersonships', SOURCE_FILES.chairpersonships),
      notes: data.chairpersonships.notes,
      items: chairs,
    },
  };
  const manifest = {
    format: 'osce-registry/manifest',
    version: FORMAT_VERSION,
    generatedBy: GENERATED_BY,
    sources: Object.fromEntries(
      Object.entries(raw).map(([file, bytes]) => [
        file,
        `sha256:${createHash('sha256').update(bytes).digest('hex')}`,
      ]),
    ),
    files: Object.fromEntries(
      Object.entries(files).map(([name, file]) => [
        name,
        {
          records: file.items.length,
          events: file.items.reduce((n, r) => n + r.events.length, 0),
          eventsWithGaps: file.items.reduce(
            (n, r) => n + r.events.filter((e) => e.gaps.length > 0).length,
            0,
          ),
        },
      ]),
    ),
    incomplete: Object.entries(files).flatMap(([name, file]) =>
      file.items
        .filter((r) => r.status === 'incomplete')
        .map((r) => ({ file: name, id: r.id, reasons: r.incomplete })),
    ),
  };
  return Object.fromEntries([
    ...Object.entries(files).map(([name, content]) => [name, toJson(content)]),
    ['manifest.json', toJson(manifest)],
  ]) as OutputFiles;
}
