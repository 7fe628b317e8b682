import { endsBefore, firstDay } from '../../src/shared/domain/partial-date';
import { date, parseSource, provenance, requireSlug, urlsOf } from './common';
import { type DecisionCollector, parseReference, type ParsedReference } from './decisions';
import { attachEvidence } from './field-operation-evidence';
import { closureReasonOf, headOf, hostsOf, kindOf, seatOf, untilOf } from './field-operation-rules';
import type { DataEvent, DataRecord } from './format';
import type { SourceFieldOperation, SourceMandateEvent } from './source-types';
import { stateIdOf } from './state-ids';

export type OperationAction =
  | 'establish'
  | 'agree-mandate'
  | 'extend-mandate'
  | 'rename'
  | 'appoint-head'
  | 'change-seat'
  | 'change-host-states'
  | 'note'
  | 'close';

export type OperationEvent = DataEvent<OperationAction>;

export interface OperationRecord extends DataRecord<OperationEvent> {
  /** Name and kind last in force. */
  name: string;
  kind: string;
  predecessors: string[];
  successors: string[];
}

/** An event being built, with what the evidence matching needs (dropped from the output). */
export interface Draft extends OperationEvent {
  origin: 'establishment' | 'name' | 'mandate-event' | 'seat' | 'host' | 'closure';
  /** Every date the source ties to this fact (effective and decision dates). */
  dates: string[];
  category?: string;
  sortKey: string;
}

interface Context {
  source: SourceFieldOperation;
  id: string;
  urls: string[];
  decisions: DecisionCollector;
  /** Source events already read as part of a renaming. */
  used: Set<SourceMandateEvent>;
}

export function normaliseOperation(
  source: SourceFieldOperation,
  decisions: DecisionCollector,
): OperationRecord {
  const id = requireSlug(source.id, 'field operation id');
  const sources = source.sources.map(parseSource);
  const ctx: Context = { source, id, urls: urlsOf(sources), decisions, used: new Set() };
  const establishment = establish(ctx);
  const establishedOn = establishment.on;
  const closure = source.closed ? close(ctx) : null;
  const events: Draft[] = [establishment, ...renames(ctx)];
  events.push(...seatChanges(ctx), ...hostChanges(ctx));
  let previousKey = establishment.sortKey;
  source.mandateEvents.forEach((raw, index) => {
    if (ctx.used.has(raw)) return;
    const on = date(raw.date, `${id} mandateEvents[${index}]`);
    const merged = mergeTarget(raw, on, establishment, closure, establishedOn);
    if (merged) {
      merged.provenance.notes.push(noteOf(raw));
      if (on && !merged.dates.includes(on)) merged.dates.push(on);
      citeIn(ctx, raw, merged);
      return;
    }
    const event = fromMandateEvent(ctx, raw, on, on ? firstDay(on) : previousKey);
    previousKey = event.sortKey;
    events.push(event);
  });
  const sorted = [
    establishment,
    ...events
      .filter((e) => e !== establishment)
      .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0)),
    ...(closure ? [closure] : []),
  ];
  markMissingMandates(sorted);
  const leftovers = attachEvidence(source, sorted);
  const record: OperationRecord = {
    id,
    name: source.names[source.names.length - 1].name,
    kind: kindOf(source.type, id).kind,
    status: 'complete',
    incomplete: [],
    predecessors: source.predecessors,
    successors: source.successors,
    sources,
    notes: [...(source.notes ? [source.notes] : []), ...leftovers],
    events: sorted.map(strip),
  };
  if (establishment.gaps.length)
    record.incomplete.push(`establish: the sources give no establishment date`);
  const lastName = [...sorted].reverse().find((e) => e.action === 'rename');
  if (lastName?.gaps.includes('effectiveOn')) {
    record.incomplete.push(`rename: the sources do not date the current name "${record.name}"`);
  }
  if (closure?.gaps.length)
    record.incomplete.push(`close: the sources give no closure date (${source.closed!.how})`);
  record.status = record.incomplete.length ? 'incomplete' : 'complete';
  if (source.successors.length && !closure) {
    record.notes.push(
      `Successors while still open: ${source.successors.join(', ')} (recorded as predecessors on the successor's establishment).`,
    );
  }
  return record;
}

function strip(draft: Draft): OperationEvent {
  return {
    action: draft.action,
    on: draft.on,
    data: draft.data,
    gaps: draft.gaps,
    provenance: draft.provenance,
  };
}

function draft(
  ctx: Context,
  action: OperationAction,
  on: string | null,
  data: Record<string, unknown>,
  origin: Draft['origin'],
  sortKey: string,
): Draft {
  return {
    action,
    on,
    data,
    gaps: [],
    provenance: provenance(ctx.urls),
    origin,
    dates: on ? [on] : [],
    sortKey,
  };
}

function cite(
  ctx: Context,
  parsed: ParsedReference,
  event: Draft,
  adoptedOn: string | null,
  what: string,
): void {
  ctx.decisions.cite(
    parsed,
    { record: ctx.id, action: event.action, on: event.on },
    ctx.urls,
    adoptedOn ? { date: adoptedOn, where: `${ctx.id}: ${what}` } : null,
  );
  event.provenance.notes.push(...parsed.notes);
}

/** A decision cited by a source event merged into another fact: kept on that fact as a note. */
function citeIn(ctx: Context, raw: SourceMandateEvent, event: Draft): void {
  const parsed = parseReference(raw.decisionRef);
  if (!parsed.reference) return;
  const adopted = raw.date
    ? { date: raw.date, where: `${ctx.id}: ${raw.eventType} event of ${raw.date}` }
    : null;
  ctx.decisions.cite(
    parsed,
    { record: ctx.id, action: `${event.action} (note)`, on: event.on },
    ctx.urls,
    adopted,
  );
}

function kindAt(source: SourceFieldOperation, on: string | null): string | null {
  const history = source.typeHistory;
  if (!history) return source.type;
  if (on === null) return null;
  const day = firstDay(on);
  const covering = history.filter(
    (h) => (!h.from || firstDay(h.from) <= day) && (!h.to || !endsBefore(h.to, on)),
  );
  return covering.length ? covering[covering.length - 1].type : null;
}

function establish(ctx: Context): Draft {
  const { source, id } = ctx;
  const e = source.established;
  const decidedOn = date(e.decisionDate, `${id} decisionDate`);
  const effective = date(e.effectiveDate, `${id} effectiveDate`);
  const firstName = source.names[0];
  const establishedOn = effective ?? decidedOn ?? date(firstName.from, `${id} names[0].from`);
  const type = kindAt(source, firstName.from ?? establishedOn) ?? source.type;
  const kind = kindOf(type, id);
  const hosts = hostsOf(source.hostCountry, stateIdOf);
  const firstSeat = source.seatHistory?.[0]?.seat ?? source.seat;
  const seat = seatOf(firstSeat);
  const parsed = parseReference(e.decisionRef);
  const mandate = source.mandate
    ? { summary: source.mandate, until: MANDATE_UNTIL[id]?.until ?? null }
    : null;
  const event = draft(
    ctx,
    'establish',
    establishedOn,
    {
      id,
      name: firstName.name,
      kind: kind.kind,
      hostStates: hosts.hostStates.map((h) => requireSlug(h, `${id} host`)),
      seat: seat.seat,
      establishedOn,
      decision: parsed.reference,
      sourceUrl: ctx.urls[0] ?? null,
      mandate,
      predecessors: source.predecessors,
    },
    'establishment',
    establishedOn ? firstDay(establishedOn) : '0000',
  );
  if (decidedOn && !event.dates.includes(decidedOn)) event.dates.push(decidedOn);
  const notes = event.provenance.notes;
  if (effective && decidedOn && effective !== decidedOn)
    notes.push(`Decided on ${decidedOn}; in effect from ${effective}.`);
  if (!effective && decidedOn)
    notes.push(
      `The source gives no separate effective date: the decision date ${decidedOn} is taken as the establishment date.`,
    );
  if (!effective && !decidedOn && establishedOn)
    notes.push(
      `The source gives neither a decision nor an effective date: the establishment date is the first name's start (${establishedOn}).`,
    );
  if (!establishedOn) event.gaps.push('establishedOn');
  if (kind.note) notes.push(kind.note);
  if (hosts.note) notes.push(hosts.note);
  if (seat.note) notes.push(seat.note);
  if (firstName.note) notes.push(firstName.note);
  if (mandate && MANDATE_UNTIL[id]) {
    notes.push(MANDATE_UNTIL[id].note);
    event.provenance.sources.push(
      ...MANDATE_UNTIL[id].sources.filter((u) => !event.provenance.sources.includes(u)),
    );
  }
  cite(ctx, parsed, event, decidedOn, 'established.decisionDate');
  return event;
}

/** The initial mandate's end date, read from the evidence log where the record lacks it. */
const MANDATE_UNTIL: Record<string, { until: string; note: string; sources: string[] }> = {
  'office-in-minsk': {
    until: '2003-12-31',
    note: 'Mandate "initially until 31 Dec 2003" (evidence.md, Office in Minsk mission survey).',
    sources: ['https://www.osce.org/minsk/43444'],
  },
};

function renames(ctx: Context): Draft[] {
  const { source, id } = ctx;
  const result: Draft[] = [];
  let previousKey = '0000';
  let previousKind = kindAt(source, source.names[0].from) ?? source.type;
  source.names.slice(1).forEach((name, i) => {
    const on = date(name.from, `${id} names[${i + 1}].from`);
    const type = kindAt(source, on) ?? previousKind;
    const kind = kindOf(type, id);
    const key = on ? firstDay(on) : previousKey;
    const event = draft(
      ctx,
      'rename',
      on,
      { name: name.name, kind: kind.kind, effectiveOn: on, decision: null },
      'name',
      key,
    );
    if (!on) event.gaps.push('effectiveOn');
    if (name.note) event.provenance.notes.push(name.note);
    if (type !== previousKind)
      event.provenance.notes.push(
        `Change of kind: ${kindOf(previousKind, id).kind} -> ${kind.kind}.`,
      );
    const match = matchingDecision(source.mandateEvents, ctx.used, name.name, on);
    result.push(event);
    if (match) {
      const decidedOn = date(match.date, `${id} rename decision`);
      const parsed = parseReference(match.decisionRef);
      event.data.decision = parsed.reference;
      event.provenance.notes.push(noteOf(match));
      if (decidedOn && decidedOn !== on) {
        event.dates.push(decidedOn);
        event.provenance.notes.push(
          `Decided on ${decidedOn}${parsed.reference ? '' : ' (decision number not found)'}; in effect from ${on ?? 'a date not given'}.`,
        );
      }
      cite(ctx, parsed, event, decidedOn, `mandate event of ${match.date ?? 'no date'}`);
      ctx.used.add(match);
      if (match.eventType === 'mandate-change')
        result.push(newMandate(ctx, match, on, key, parsed));
    }
    previousKey = key;
    previousKind = type;
  });
  return result;
}

/** The rename or transformation decision behind a new name: same date, else the latest before it naming it. */
function matchingDecision(
  events: SourceMandateEvent[],
  used: Set<SourceMandateEvent>,
  name: string,
  on: string | null,
): SourceMandateEvent | undefined {
  const candidates = events.filter(
    (e) => (e.eventType === 'rename' || e.eventType === 'mandate-change') && !used.has(e),
  );
  if (on === null) return undefined;
  const same = candidates.find((e) => e.date === on);
  if (same) return same;
  const bare = name.replace(/^(CSCE\/)?OSCE /, '');
  const naming = candidates.filter(
    (e) => e.summary.includes(bare) && e.date !== null && firstDay(e.date) <= firstDay(on),
  );
  return naming[naming.length - 1];
}

/** A transformation adopts a new mandate as well as a new name. */
function newMandate(
  ctx: Context,
  raw: SourceMandateEvent,
  on: string | null,
  key: string,
  parsed: ParsedReference,
): Draft {
  const event = draft(
    ctx,
    'agree-mandate',
    on,
    { decision: parsed.reference, effectiveFrom: on, summary: raw.summary, until: null },
    'name',
    key,
  );
  if (raw.date && raw.date !== on) event.dates.push(raw.date);
  if (!parsed.reference) event.gaps.push('decision');
  event.provenance.notes.push(
    'The new mandate adopted with the transformation (same source event as the renaming).',
  );
  if (parsed.reference) {
    ctx.decisions.cite(
      parsed,
      { record: ctx.id, action: event.action, on: event.on },
      ctx.urls,
      raw.date
        ? { date: raw.date, where: `${ctx.id}: ${raw.eventType} event of ${raw.date}` }
        : null,
    );
  }
  return event;
}

function seatChanges(ctx: Context): Draft[] {
  return (ctx.source.seatHistory ?? []).slice(1).map((entry, i) => {
    const on = date(entry.from, `${ctx.id} seatHistory[${i + 1}]`);
    const seat = seatOf(entry.seat);
    const event = draft(
      ctx,
      'change-seat',
      on,
      { seat: seat.seat, effectiveOn: on },
      'seat',
      on ? firstDay(on) : '9999',
    );
    if (!on) event.gaps.push('effectiveOn');
    if (seat.note) event.provenance.notes.push(seat.note);
    return event;
  });
}

function hostChanges(ctx: Context): Draft[] {
  return (hostsOf(ctx.source.hostCountry, stateIdOf).changes ?? []).map((change) => {
    const event = draft(
      ctx,
      'change-host-states',
      change.effectiveOn,
      { hostStates: change.hostStates, effectiveOn: change.effectiveOn },
      'host',
      firstDay(change.effectiveOn),
    );
    event.provenance.notes.push(change.note);
    return event;
  });
}

function noteOf(raw: SourceMandateEvent): string {
  const ref = raw.decisionRef ? ` [${raw.decisionRef}]` : '';
  return `${raw.date ?? 'undated'} ${raw.eventType}${ref}: ${raw.summary}`;
}

/**
 * Source events that belong to another fact: the decision behind a renaming, the establishment
 * decision, the closure decision, anything dated before establishment (preparations, a mandate or
 * a Head agreed before the start of work) or after closure (announcements): the registry records
 * nothing on an operation before it exists or after it closed.
 */
function mergeTarget(
  raw: SourceMandateEvent,
  on: string | null,
  establishment: Draft,
  closure: Draft | null,
  establishedOn: string | null,
): Draft | undefined {
  if (raw.eventType === 'establishment') return establishment;
  if (raw.eventType === 'closure-decision' && closure) return closure;
  if (on && establishedOn && endsBefore(on, establishedOn)) {
    if (
      (raw.eventType === 'mandate' || raw.eventType === 'mandate-change') &&
      !establishment.data.mandate
    ) {
      establishment.data.mandate = { summary: raw.summary, until: null };
    }
    return establishment;
  }
  if (on && closure?.on && endsBefore(closure.on, on)) return closure;
  return undefined;
}

function fromMandateEvent(
  ctx: Context,
  raw: SourceMandateEvent,
  on: string | null,
  key: string,
): Draft {
  const parsed = parseReference(raw.decisionRef);
  const where = `mandate event of ${raw.date ?? 'no date'}`;
  const summaryNote = `Source (${raw.eventType}): ${raw.summary}`;
  if (raw.eventType === 'extension') {
    const until = untilOf(raw.summary);
    if (until) {
      const event = draft(
        ctx,
        'extend-mandate',
        on,
        { decision: parsed.reference, until: until.until },
        'mandate-event',
        key,
      );
      event.provenance.notes.push(summaryNote, ...(until.note ? [until.note] : []));
      if (!parsed.reference) event.gaps.push('decision');
      cite(ctx, parsed, event, on, where);
      return event;
    }
  }
  if (raw.eventType === 'mandate' || raw.eventType === 'mandate-change') {
    const event = draft(
      ctx,
      'agree-mandate',
      on,
      { decision: parsed.reference, effectiveFrom: on, summary: raw.summary, until: null },
      'mandate-event',
      key,
    );
    if (!on) event.gaps.push('effectiveFrom');
    if (!parsed.reference) event.gaps.push('decision');
    cite(ctx, parsed, event, on, where);
    return event;
  }
  const head = raw.eventType === 'appointment' ? headOf(raw.summary) : null;
  if (head && on) {
    const event = draft(ctx, 'appoint-head', on, { name: head, from: on }, 'mandate-event', key);
    event.provenance.notes.push(summaryNote);
    return event;
  }
  const event = draft(
    ctx,
    'note',
    on,
    { category: raw.eventType, date: on, summary: raw.summary, decision: parsed.reference },
    'mandate-event',
    key,
  );
  event.category = raw.eventType;
  if (!on) event.gaps.push('date');
  cite(ctx, parsed, event, on, where);
  return event;
}

function close(ctx: Context): Draft {
  const { source, id } = ctx;
  const closed = source.closed!;
  const closedOn = date(closed.date, `${id} closed.date`);
  const parsed = parseReference(closed.decisionRef);
  const reason = closureReasonOf(closed.how, source.successors);
  const event = draft(
    ctx,
    'close',
    closedOn,
    { closedOn, reason, decision: parsed.reference, successors: source.successors },
    'closure',
    '9999',
  );
  event.provenance.notes.push(`How it closed, as the source says: ${closed.how}`);
  if (reason === 'other')
    event.provenance.notes.push(
      'Closure reason "other": the source\'s wording fits none of the registry\'s reasons clearly.',
    );
  if (!closedOn) event.gaps.push('closedOn');
  cite(ctx, parsed, event, null, 'closed.decisionRef');
  return event;
}

/** An extension needs a mandate recorded before it. */
function markMissingMandates(events: Draft[]): void {
  let hasMandate = false;
  for (const event of events) {
    if (event.action === 'establish' && event.data.mandate) hasMandate = true;
    if (event.action === 'agree-mandate' && event.gaps.length === 0) hasMandate = true;
    if (event.action === 'extend-mandate' && !hasMandate) event.gaps.push('mandate');
  }
}
