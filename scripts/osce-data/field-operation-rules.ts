import type { ClosureReason } from '../../src/field-operations/domain/events';
import { isKind, type Kind } from '../../src/field-operations/domain/kinds';
import { proseDay } from './common';

/** The research's free-text `type` -> the registry's kind. */
const KINDS: Record<string, { kind: Kind; note?: string }> = {
  mission: { kind: 'mission' },
  'verification mission': { kind: 'verification-mission' },
  'monitoring mission': { kind: 'monitoring-mission' },
  'observer mission': { kind: 'observer-mission' },
  office: { kind: 'office' },
  'programme office': { kind: 'programme-office' },
  'liaison office (regional)': {
    kind: 'liaison-office',
    note: 'The source types it "liaison office (regional)": a liaison office with a regional remit.',
  },
  centre: { kind: 'centre' },
  presence: { kind: 'presence' },
  'advisory and monitoring group': { kind: 'advisory-and-monitoring-group' },
  'assistance group': { kind: 'assistance-group' },
  'project co-ordinator': { kind: 'project-co-ordinator' },
  'task force': { kind: 'task-force' },
  'related field activity (personal representative)': {
    kind: 'personal-representative',
    note: 'A related field activity, not a field operation stricto sensu: a Personal Representative of the Chairperson-in-Office.',
  },
  'related field activity (representative to bilateral commission)': {
    kind: 'representative',
    note: 'A related field activity, not a field operation stricto sensu: an OSCE Representative to a bilateral commission.',
  },
};

export function kindOf(type: string, where: string): { kind: Kind; note?: string } {
  const mapped = KINDS[type];
  if (!mapped || !isKind(mapped.kind)) throw new Error(`${where}: no kind for the type "${type}"`);
  return mapped;
}

interface HostMapping {
  hostStates: string[];
  note?: string;
  changes?: Array<{ hostStates: string[]; effectiveOn: string; note: string }>;
}

/** The research's free-text `hostCountry` -> host State ids (a plain State name maps by its id). */
const HOSTS: Record<string, HostMapping> = {
  'Azerbaijan/Armenia (Nagorno-Karabakh conflict)': {
    hostStates: ['azerbaijan', 'armenia'],
    note: 'Source: "Azerbaijan/Armenia (Nagorno-Karabakh conflict)": both parties listed as hosts.',
  },
  'Bosnia and Herzegovina (Federation)': {
    hostStates: ['bosnia-and-herzegovina'],
    note: 'Source: "Bosnia and Herzegovina (Federation)": it worked in the Federation of Bosnia and Herzegovina.',
  },
  'Federal Republic of Yugoslavia (Kosovo)': {
    hostStates: ['serbia-and-montenegro'],
    note: 'Source: "Federal Republic of Yugoslavia (Kosovo)": the FRY, recorded as serbia-and-montenegro (the FRY was renamed Serbia and Montenegro in 2003); it worked in Kosovo.',
  },
  'Federal Republic of Yugoslavia (Serbia)': {
    hostStates: ['serbia-and-montenegro'],
    note: 'Source: "Federal Republic of Yugoslavia (Serbia)": the FRY, recorded as serbia-and-montenegro (the FRY was not a participating State until 2000-11-10; the suspended seat was the SFRY\'s).',
  },
  'Kosovo (established within the UNMIK framework under UNSCR 1244; then part of FR Yugoslavia)': {
    hostStates: ['serbia-and-montenegro'],
    note: 'Source: "Kosovo (established within the UNMIK framework under UNSCR 1244; then part of FR Yugoslavia)". Kosovo is not a participating State; the host State is recorded as the FRY at establishment, and no later change is recorded (the sources state none).',
  },
  "North Macedonia (then 'the former Yugoslav Republic of Macedonia')": {
    hostStates: ['north-macedonia'],
    note: 'Source: "North Macedonia (then \'the former Yugoslav Republic of Macedonia\')".',
  },
  'Serbia (FR Yugoslavia 2001-2003; Serbia and Montenegro 2003-2006)': {
    hostStates: ['serbia-and-montenegro'],
    note: 'Source: "Serbia (FR Yugoslavia 2001-2003; Serbia and Montenegro 2003-2006)".',
    changes: [
      {
        hostStates: ['serbia'],
        effectiveOn: '2006-06-03',
        note: 'The State Union of Serbia and Montenegro ended with Montenegro\'s declaration of independence on 3 June 2006; Serbia continued it (participating-states.json). The Mission was renamed "OSCE Mission to Serbia" on 29 June 2006.',
      },
    ],
  },
  'Uzbekistan (regional remit over five Central Asian states until 1998)': {
    hostStates: ['uzbekistan'],
    note: 'Source: "Uzbekistan (regional remit over five Central Asian states until 1998)": seated in Uzbekistan with a regional remit; the other States are not listed as hosts.',
  },
};

export function hostsOf(text: string, stateId: (name: string) => string): HostMapping {
  return HOSTS[text] ?? { hostStates: [stateId(text)] };
}

/** `Kyiv (also worked in Crimea)` -> `Kyiv` and a note keeping the whole text. */
export function seatOf(text: string | null): { seat: string | null; note?: string } {
  if (text === null) return { seat: null, note: 'The sources give no seat.' };
  const seat = text.split(/\s*[(;]/)[0].trim();
  return seat === text ? { seat } : { seat, note: `Seat as the source gives it: "${text}"` };
}

/**
 * The closure reason read from the source's `how`, conservatively: the first rule whose words
 * appear wins; when none applies the reason is `other` (the text is always kept as a note).
 */
const CLOSURE_RULES: Array<{ reason: ClosureReason; test: RegExp; needsSuccessor?: boolean }> = [
  {
    reason: 'no-consensus',
    test: /blocked consensus|refused consensus|declined to join consensus|no consensus/i,
  },
  { reason: 'host-withdrew-consent', test: /terminated the MoU|withdrew (its )?consent/i },
  { reason: 'merged', test: /absorbed into|merged/i },
  { reason: 'replaced', test: /replaced by|succeeded by/i, needsSuccessor: true },
  { reason: 'mandate-fulfilled', test: /fulfilled/i },
  { reason: 'mandate-expired', test: /not extended|not renewed|expired/i },
];

export function closureReasonOf(how: string, successors: string[]): ClosureReason {
  const rule = CLOSURE_RULES.find(
    (r) => r.test.test(how) && (!r.needsSuccessor || successors.length > 0),
  );
  return rule?.reason ?? 'other';
}

/** The new end date an extension states (`Prolonged to 2004-12-31`, `Extended to 31 March 2016`). */
export function untilOf(summary: string): { until: string; note?: string } | null {
  // An extension of one decision within the operation (`extended PC.DEC/861 (MMOs) until ...`)
  // is not an extension of the operation's mandate: it stays a note.
  if (/extended PC\.DEC\//.test(summary)) return null;
  const iso = /Prolonged to (\d{4}-\d{2}-\d{2})/.exec(summary);
  if (iso) return { until: iso[1] };
  const prose = /extended\b[^.]*?\b(?:to|until) (\d{1,2}) ([A-Z][a-z]+) (\[?)(\d{4})\]?/i.exec(
    summary,
  );
  if (!prose) return null;
  const until = proseDay(prose[1], prose[2], prose[4]);
  if (!until) return null;
  return prose[3]
    ? {
        until,
        note: `The year ${prose[4]} is in brackets in the source: supplied by the research from context.`,
      }
    : { until };
}

/** The Head named in an appointment (`appointed Amb. Robert Frowick (USA) Head of Mission`). */
export function headOf(summary: string): string | null {
  return /Amb\. ((?:\p{Lu}[\p{L}.'-]+ ?)+?) \(/u.exec(summary)?.[1] ?? null;
}
