import { date, parseSource, provenance, requireSlug, urlsOf } from './common';
import type { DataEvent, DataRecord } from './format';
import type { SourceChairpersonship } from './source-types';
import { stateIdOf } from './state-ids';

export type ChairAction = 'assume-chairpersonship' | 'appoint-chairperson-in-office';
export type ChairEvent = DataEvent<ChairAction>;

export interface ChairpersonshipRecord extends DataRecord<ChairEvent> {
  year: number;
  state: string;
  from: string;
  to: string;
}

/**
 * One record per Chairpersonship: the State and its period, then each Chairperson-in-Office. A
 * CiO the research names without dates is taken to serve the whole period (`datesFromPeriod`).
 */
export function normaliseChairpersonship(row: SourceChairpersonship): ChairpersonshipRecord {
  const state = requireSlug(stateIdOf(row.country), `chairpersonship ${row.year}`);
  const id = requireSlug(`${state}-${row.year}`, `chairpersonship ${row.year}`);
  const from = date(row.period.from, `${id} period.from`)!;
  const to = date(row.period.to, `${id} period.to`)!;
  const sources = row.sources.map(parseSource);
  const urls = urlsOf(sources);
  const confidence = { chairpersonship: row.confidence };
  const events: ChairEvent[] = [
    {
      action: 'assume-chairpersonship',
      on: from,
      data: { chairpersonship: id, state, year: row.year, from, to },
      gaps: [],
      provenance: provenance(urls, { confidence, notes: row.notes ? [row.notes] : [] }),
    },
  ];
  for (const cio of row.chairpersonsInOffice) {
    const cioFrom = date(cio.from, `${id} CiO from`);
    const cioTo = date(cio.to, `${id} CiO to`);
    const datesFromPeriod = cioFrom === null || cioTo === null;
    events.push({
      action: 'appoint-chairperson-in-office',
      on: cioFrom ?? from,
      data: {
        chairpersonship: id,
        name: cio.name,
        role: cio.role,
        from: cioFrom ?? from,
        to: cioTo ?? to,
        datesFromPeriod,
      },
      gaps: [],
      provenance: provenance(urls, {
        confidence,
        notes: datesFromPeriod
          ? [
              `The source gives ${cioFrom ? 'no end date' : cioTo ? 'no start date' : 'no dates'} for this Chairperson-in-Office: the Chairpersonship's period fills ${cioFrom || cioTo ? 'it' : 'them'}.`,
            ]
          : [],
      }),
    });
  }
  const notes: string[] = [];
  const incomplete: string[] = [];
  if (urls.length === 0) {
    for (const event of events) event.gaps.push('source');
    incomplete.push(
      `no source URL: the research cites only ${row.sources.map((s) => `"${s}"`).join(', ')}`,
    );
  }
  if (row.chairpersonsInOffice.length === 0) {
    notes.push('The sources read name no Chairperson-in-Office for this period.');
  }
  return {
    id,
    status: incomplete.length ? 'incomplete' : 'complete',
    incomplete,
    year: row.year,
    state,
    from,
    to,
    sources,
    notes,
    events,
  };
}
