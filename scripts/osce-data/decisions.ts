import { DECISION_BODIES, type DecisionBody } from '../../src/decisions/domain/decision';
import {
  firstDay,
  isPartialDate,
  lastDay,
  precisionOf,
} from '../../src/shared/domain/partial-date';
import { slugOfReference } from '../../src/shared/domain/slug';
import { proseDay, provenance } from './common';
import type { DataEvent, DataRecord } from './format';
import type { SourceConflict } from './source-types';

/** A decision reference as the research cites it, split into the reference and its annotations. */
export interface ParsedReference {
  reference: string | null;
  body: DecisionBody | null;
  /** A date written next to the reference (`PC.DEC/836 (2007-12-21)`). */
  annotatedDate: string | null;
  notes: string[];
}

const PREFIX_BODIES: Record<string, DecisionBody> = {
  PC: 'permanent-council',
  MC: 'ministerial-council',
  FSC: 'forum-for-security-co-operation',
  CIO: 'chairperson-in-office',
  SUM: 'summit',
};

const SYMBOL = /^(([A-Z]+)(?:\(\d+\))?\.([A-Z]+)\/[A-Za-z0-9./]*[A-Za-z0-9])(?:\s+\((.*)\))?$/;
const CSO =
  /^(\d+(?:st|nd|rd|th)) CSO(?: Meeting)?, Journal No\. (\d+)(?:, Annex (\d+)| \(decision (\w+)\))(.*)$/;
const CSO_MEETING = /^(\d+(?:st|nd|rd|th)) CSO$/;
const PERMANENT_COMMITTEE = /^(\d+(?:st|nd|rd|th) Permanent Committee, Journal [^,]+, Annex \d+)$/;
const CSCE_COUNCIL =
  /^(Decision [IVX]+\.\d+, \d+(?:st|nd|rd|th) CSCE Council Meeting)(?: \((.*)\))?$/;

export function parseReference(text: string | null): ParsedReference {
  if (text === null) return { reference: null, body: null, annotatedDate: null, notes: [] };
  const cited = (reference: string) =>
    reference === text ? [] : [`Reference as cited by the source: "${text}"`];
  let m = SYMBOL.exec(text);
  if (m) {
    const [, reference, prefix, series, annotation] = m;
    const body = PREFIX_BODIES[prefix] ?? null;
    const notes: string[] = [];
    let annotatedDate: string | null = null;
    if (annotation && isPartialDate(annotation)) annotatedDate = annotation;
    else if (annotation) notes.push(`Annotation next to ${reference} in the source: ${annotation}`);
    if (series === 'JOUR')
      notes.push(
        `${reference} is a Journal of the Permanent Council (the record of a plenary meeting), not a numbered decision.`,
      );
    if (series === 'GAL')
      notes.push(`${reference} is a Chairperson-in-Office document, not a numbered decision.`);
    if (!body) notes.push(`Decision body unknown for the prefix "${prefix}".`);
    return { reference, body, annotatedDate, notes };
  }
  m = CSO.exec(text);
  if (m) {
    const [, meeting, journal, annex, decision, rest] = m;
    const reference = annex
      ? `${meeting} CSO, Journal No. ${journal}, Annex ${annex}`
      : `${meeting} CSO, Journal No. ${journal}, decision ${decision}`;
    const day = /^\s*\((\d{1,2}) (\w+) (\d{4})\)/.exec(rest);
    return {
      reference,
      body: 'senior-council',
      annotatedDate: day ? proseDay(day[1], day[2], day[3]) : null,
      notes: cited(reference),
    };
  }
  m = CSO_MEETING.exec(text);
  if (m) {
    return {
      reference: null,
      body: null,
      annotatedDate: null,
      notes: [`Decided at the ${m[1]} CSO meeting; the source gives no journal reference.`],
    };
  }
  m = PERMANENT_COMMITTEE.exec(text);
  if (m) {
    return {
      reference: m[1],
      body: 'permanent-council',
      annotatedDate: null,
      notes: [
        'A decision of the Permanent Committee (1993-94), the body that preceded the Permanent Council: recorded as permanent-council.',
      ],
    };
  }
  m = CSCE_COUNCIL.exec(text);
  if (m) {
    return {
      reference: m[1],
      body: 'ministerial-council',
      annotatedDate: null,
      notes: [
        ...cited(m[1]),
        'A decision of the CSCE Council (of Ministers for Foreign Affairs), the forerunner of the Ministerial Council: recorded as ministerial-council.',
      ],
    };
  }
  return {
    reference: null,
    body: null,
    annotatedDate: null,
    notes: [`The source describes the decision without a reference: "${text}"`],
  };
}

/** Titles the research states for a decision, with where it states them. */
const TITLES: Record<string, { title: string; source: string }> = {
  'PC.DEC/836': {
    title: 'Establishment of an OSCE Office in Zagreb',
    source:
      'https://docslib.org/doc/10577833/decision-no-836-establishment-of-an-osce-office-in-zagreb',
  },
};

export interface Citation {
  record: string;
  action: string;
  on: string | null;
}

interface Cited {
  parsed: ParsedReference;
  dates: Array<{ date: string; where: string }>;
  sources: string[];
  notes: string[];
  citedBy: Citation[];
}

export type DecisionEvent = DataEvent<'record-decision'>;
export interface DecisionRecord extends DataRecord<DecisionEvent> {
  reference: string;
  citedBy: Citation[];
}

/** Every decision the data cites, with the adoption dates the citations give. */
export class DecisionCollector {
  private readonly cited = new Map<string, Cited>();

  cite(
    parsed: ParsedReference,
    citation: Citation,
    sources: string[],
    adoptedOn: { date: string | null; where: string } | null,
  ): void {
    if (!parsed.reference) return;
    let entry = this.cited.get(parsed.reference);
    if (!entry) {
      entry = { parsed, dates: [], sources: [], notes: [], citedBy: [] };
      this.cited.set(parsed.reference, entry);
    }
    entry.citedBy.push(citation);
    for (const url of sources) if (!entry.sources.includes(url)) entry.sources.push(url);
    for (const note of parsed.notes) if (!entry.notes.includes(note)) entry.notes.push(note);
    if (adoptedOn?.date) entry.dates.push({ date: adoptedOn.date, where: adoptedOn.where });
    if (parsed.annotatedDate) {
      entry.dates.push({
        date: parsed.annotatedDate,
        where: `${citation.record}: date written next to the reference`,
      });
    }
  }

  records(): DecisionRecord[] {
    const records = [...this.cited.entries()].map(([reference, entry]) =>
      this.record(reference, entry),
    );
    const ids = new Set<string>();
    for (const r of records) {
      if (ids.has(r.id)) throw new Error(`Two decision references share the id ${r.id}`);
      ids.add(r.id);
    }
    return records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  private record(reference: string, entry: Cited): DecisionRecord {
    const { adoptedOn, conflicts } = adoptionDate(entry.dates);
    const titled = TITLES[reference];
    const sources =
      titled && !entry.sources.includes(titled.source)
        ? [titled.source, ...entry.sources]
        : entry.sources;
    const body = entry.parsed.body;
    if (body && !DECISION_BODIES.includes(body))
      throw new Error(`${reference}: unknown body ${body}`);
    const gaps = [...(adoptedOn ? [] : ['adoptedOn']), ...(body ? [] : ['body'])];
    const event: DecisionEvent = {
      action: 'record-decision',
      on: adoptedOn,
      data: {
        reference,
        body,
        adoptedOn,
        title: titled?.title ?? null,
        sourceUrl: titled?.source ?? sources[0] ?? null,
      },
      gaps,
      provenance: provenance(sources, {
        conflicts,
        notes: [
          ...entry.notes,
          ...entry.dates.map((d) => `Adoption date ${d.date} from ${d.where}.`),
        ],
      }),
    };
    return {
      id: slugOfReference(reference),
      reference,
      status: gaps.length ? 'incomplete' : 'complete',
      incomplete: gaps.map(
        (gap) =>
          `the sources give no ${gap === 'adoptedOn' ? 'adoption date' : 'decision body'} for ${reference}`,
      ),
      sources: sources.map((url) => ({ url, note: null })),
      notes: [],
      citedBy: entry.citedBy,
      events: [event],
    };
  }
}

/** The most precise date all citations agree with; a disagreement is kept as a conflict. */
function adoptionDate(dates: Array<{ date: string; where: string }>): {
  adoptedOn: string | null;
  conflicts: SourceConflict[];
} {
  if (dates.length === 0) return { adoptedOn: null, conflicts: [] };
  const rank = { day: 3, month: 2, year: 1 } as const;
  const best = [...dates].sort(
    (a, b) => rank[precisionOf(b.date)!] - rank[precisionOf(a.date)!],
  )[0];
  const disagreeing = dates.filter(
    (d) => firstDay(best.date) < firstDay(d.date) || firstDay(best.date) > lastDay(d.date),
  );
  if (disagreeing.length === 0) return { adoptedOn: best.date, conflicts: [] };
  return {
    adoptedOn: best.date,
    conflicts: [
      {
        field: 'adoptedOn',
        values: dates.map((d) => `${d.date} (${d.where})`),
        resolution: `${best.date}: the first, most precise date`,
      },
    ],
  };
}
