import { date, parseSource, provenance, requireSlug, toJson, urlsOf } from './common';
import type { DataEvent, DataRecord } from './format';
import type { SourceParticipatingStates, SourceState } from './source-types';
import { stateIdOf } from './state-ids';

export type StateAction = 'admit' | 'continue' | 'suspend' | 'readmit' | 'rename' | 'dissolve';
export type StateEvent = DataEvent<StateAction>;

export interface StateRecord extends DataRecord<StateEvent> {
  /** The name the State bears last (its current name, or its name when it ceased). */
  name: string;
  status: 'complete' | 'incomplete';
  participation: 'current' | 'former';
  signatures: { helsinkiFinalAct: string | null; charterOfParis: string | null };
}

/**
 * What the research records in prose (notes, admission events) rather than in fields, read here
 * once. `quote` must still be found in the named source field: if the research text changes, the
 * conversion stops instead of carrying a stale reading.
 */
interface Lifecycle {
  quote: { field: 'notes' | 'admissionEvent'; text: string };
  admittedAs?: string;
  suspendedOn?: string;
  renamed?: Array<{ name: string; effectiveOn: string | null; note: string }>;
  dissolved?: {
    on: string | null;
    successors: string[];
    continuedBy: string | null;
    note: string;
  };
}

const LIFECYCLES: Record<string, Lifecycle> = {
  'soviet-union': {
    quote: { field: 'notes', text: 'Dissolved end of 1991; succeeded by Russian Federation' },
    dissolved: {
      on: '1991',
      successors: ['russian-federation'],
      continuedBy: 'russian-federation',
      note: 'The source says "dissolved end of 1991": the year is kept as its precision. It names the Russian Federation as the continuing State and "other successor states" without naming them; those were admitted on their own (see their admissions).',
    },
  },
  'german-democratic-republic': {
    quote: { field: 'notes', text: 'Ceased with German unification in October 1990' },
    dissolved: {
      on: '1990-10',
      successors: ['germany'],
      continuedBy: null,
      note: 'Ceased with German unification in October 1990 (34 States at the Paris Summit, Nov 1990).',
    },
  },
  czechoslovakia: {
    quote: {
      field: 'notes',
      text: 'Dissolved 31 Dec 1992; succeeded by Czech Republic and Slovakia',
    },
    dissolved: {
      on: '1992-12-31',
      successors: ['czechia', 'slovakia'],
      continuedBy: null,
      note: 'Dissolved 31 Dec 1992; the Czech Republic and Slovakia participate from 1 Jan 1993.',
    },
  },
  yugoslavia: {
    quote: { field: 'notes', text: 'Suspended from all CSCE activities since 8 July 1992' },
    suspendedOn: '1992-07-08',
    dissolved: {
      on: null,
      successors: ['serbia-and-montenegro'],
      continuedBy: null,
      note: 'The sources give no date for the end of the SFRY\'s (suspended) participation. They link only the Federal Republic of Yugoslavia to it, and say the FRY was "admitted anew" on 10 Nov 2000 (a new admission, not a readmission). The other States that emerged from the SFRY are not linked to it in the sources.',
    },
  },
  'north-macedonia': {
    quote: {
      field: 'admissionEvent',
      text: "Joined as 'the former Yugoslav Republic of Macedonia'",
    },
    admittedAs: 'the former Yugoslav Republic of Macedonia',
    renamed: [
      {
        name: 'North Macedonia',
        effectiveOn: null,
        note: 'The sources name the State "North Macedonia" (e.g. the 2023 Chairpersonship) but do not date the change of name.',
      },
    ],
  },
  turkiye: {
    quote: { field: 'notes', text: "Turkey listed as 'Turkey' in 1990 sources" },
    admittedAs: 'Turkey',
    renamed: [
      {
        name: 'Türkiye',
        effectiveOn: null,
        note: 'Listed as "Turkey" in 1990 sources and as "Türkiye" now; the sources do not date the change of name.',
      },
    ],
  },
};

/** The research keeps FRY / Serbia and Montenegro / Serbia as one row ("Serbia"); split here. */
const SERBIA_AND_MONTENEGRO: Lifecycle = {
  quote: {
    field: 'admissionEvent',
    text: 'Admitted as Federal Republic of Yugoslavia (55th pS) at special PC session; continued as Serbia and Montenegro (2003) and Serbia (2006, as successor)',
  },
  admittedAs: 'Federal Republic of Yugoslavia',
  renamed: [
    {
      name: 'Serbia and Montenegro',
      effectiveOn: '2003-02-04',
      note: 'The State Union\'s Constitutional Charter was adopted on 4 Feb 2003 (field_operations.json, mission-to-serbia; osce.org/serbia/43337); the participating-States row says only "(2003)".',
    },
  ],
  dissolved: {
    on: '2006-06-03',
    successors: ['serbia', 'montenegro'],
    continuedBy: 'serbia',
    note: 'Montenegro declared independence on 3 June 2006 (osce.org/montenegro/44406); "Serbia as successor state continued automatically" (osce.org/cio/47461); Montenegro was admitted on 22 June 2006.',
  },
};

export function normaliseStates(source: SourceParticipatingStates) {
  const items: StateRecord[] = [];
  for (const row of source.states) {
    if (row.name === 'Serbia') {
      items.push(stateRecord(row, 'serbia-and-montenegro', SERBIA_AND_MONTENEGRO));
      items.push(serbia(row));
    } else if (row.name === 'Russian Federation') {
      items.push(continuing(row, 'russian-federation', 'soviet-union', '1991'));
    } else {
      const id = stateIdOf(row.name);
      items.push(stateRecord(row, id, LIFECYCLES[id]));
    }
  }
  const countHistory = source.countHistory.map((entry) => ({
    date: date(entry.date, `countHistory ${entry.date}`),
    count: entry.count,
    note: entry.note,
    sources: [parseSource(entry.source)],
  }));
  return {
    currentCount: source.currentCount,
    currentCountSince: date(source.currentCountSince, 'currentCountSince'),
    countHistory,
    items,
  };
}

function base(row: SourceState, id: string, name: string): StateRecord {
  requireSlug(id, row.name);
  const notes = [row.admissionEvent, row.notes].filter((n): n is string => !!n);
  if (row.predecessorParticipation) {
    notes.push(`Predecessor participation: ${row.predecessorParticipation}`);
  }
  return {
    id,
    name,
    status: 'complete',
    incomplete: [],
    participation: row.status,
    signatures: {
      helsinkiFinalAct: date(row.signedHelsinkiFinalAct, `${id} HFA`),
      charterOfParis: date(row.signedCharterOfParis, `${id} Charter of Paris`),
    },
    sources: row.sources.map(parseSource),
    notes,
    events: [],
  };
}

function stateRecord(row: SourceState, id: string, life: Lifecycle | undefined): StateRecord {
  if (life) {
    const text = life.quote.field === 'notes' ? row.notes : row.admissionEvent;
    if (!text?.includes(life.quote.text)) {
      throw new Error(`${row.name}: the ${life.quote.field} no longer read "${life.quote.text}"`);
    }
  }
  const admittedAs = life?.admittedAs ?? row.name;
  const record = base(row, id, admittedAs);
  const urls = urlsOf(record.sources);
  record.events.push(admission(row, admittedAs, urls));
  if (life?.suspendedOn) {
    record.events.push({
      action: 'suspend',
      on: life.suspendedOn,
      data: { suspendedOn: life.suspendedOn },
      gaps: [],
      provenance: provenance(
        [
          ...urls,
          'https://docslib.org/doc/13183093/the-stockholm-meeting-of-the-csce-council1-claude-altermatt',
        ],
        {
          notes: [
            'Suspended from all CSCE activities since 8 July 1992 (Altermatt; Simic, OSCE Yearbook 1997).',
          ],
        },
      ),
    });
  }
  for (const rename of life?.renamed ?? []) {
    record.name = rename.name;
    record.events.push({
      action: 'rename',
      on: rename.effectiveOn,
      data: { name: rename.name, effectiveOn: rename.effectiveOn },
      gaps: rename.effectiveOn ? [] : ['effectiveOn'],
      provenance: provenance(urls, { notes: [rename.note] }),
    });
  }
  if (life?.dissolved) {
    const d = life.dissolved;
    record.events.push({
      action: 'dissolve',
      on: d.on,
      data: { dissolvedOn: d.on, successors: d.successors, continuedBy: d.continuedBy },
      gaps: d.on ? [] : ['dissolvedOn'],
      provenance: provenance(urls, { notes: [d.note] }),
    });
  }
  // Incomplete when the registry would show a wrong State today: no admission, no end, or an
  // undated current name (an undated earlier name would only be missing from the history).
  const lastRename = [...record.events].reverse().find((e) => e.action === 'rename');
  const blocking = record.events.filter(
    (e) => e.gaps.length > 0 && (e.action !== 'rename' || e === lastRename),
  );
  for (const event of blocking) {
    record.incomplete.push(
      `${event.action}: the sources lack ${event.gaps.join(', ')} (${event.provenance.notes.join(' ')})`,
    );
  }
  record.status = record.incomplete.length ? 'incomplete' : 'complete';
  return record;
}

function admission(row: SourceState, name: string, urls: string[]): StateEvent {
  const notes: string[] = [];
  if (row.admissionDateInferred) {
    notes.push(
      'Admission date inferred by the research from a collective event (admissionDateInferred: true).',
    );
  }
  const admittedOn = date(row.admissionDate, `${row.name} admission`);
  return {
    action: 'admit',
    on: admittedOn,
    data: { name, admittedOn },
    gaps: admittedOn ? [] : ['admittedOn'],
    provenance: provenance(urls, { confidence: row.confidence, notes }),
  };
}

/** A State that continues another's participation (Russia the USSR's, Serbia the State Union's). */
function continuing(row: SourceState, id: string, continues: string, on: string): StateRecord {
  const record = base(row, id, row.name);
  record.events.push({
    action: 'continue',
    on,
    data: { name: row.name, continuedOn: on, continues },
    gaps: [],
    provenance: provenance(urlsOf(record.sources), {
      confidence: row.confidence,
      notes: [
        `Continues the participation of ${continues} (admitted ${row.admissionDate ?? 'on a date not given'}${row.admissionDateInferred ? ', inferred' : ''}); the research gives that admission date to this State.`,
      ],
    }),
  });
  return record;
}

function serbia(row: SourceState): StateRecord {
  const record = continuing(row, 'serbia', 'serbia-and-montenegro', '2006-06-03');
  record.notes.push(
    'The research keeps one row for FRY / Serbia and Montenegro / Serbia; the registry splits it into serbia-and-montenegro (admitted 2000-11-10 as the FRY, dissolved 2006-06-03) and serbia (continuing it).',
  );
  return record;
}

export const serialiseStates = (value: ReturnType<typeof normaliseStates>): string => toJson(value);
