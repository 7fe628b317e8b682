import { endsBefore, firstDay, lastDay, type PartialDate } from '../../shared/domain/partial-date';
import type { FieldOperation, Mandate } from './state';

/** A rule the folded state breaks, and the fields (of any fact) that take part in it. */
export interface Violation {
  code: string;
  message: string;
  fields: readonly string[];
}

/**
 * The rules every command enforces, checked on a whole state: what a correction must still
 * satisfy once applied (commands check them one fact at a time as they record). The first one
 * broken, or undefined.
 */
export function violationOf(operation: FieldOperation): Violation | undefined {
  return violationsOf(operation)[0];
}

/**
 * Every breach in the state, one per offending fact, in the order `violationOf` reports them (so
 * that a correction can tell whether it adds one: see `decideCorrection`).
 */
export function violationsOf(operation: FieldOperation): Violation[] {
  return [
    ...establishmentFirst(operation),
    ...closureLast(operation),
    ...mandateEnds(operation),
    ...links(operation),
  ];
}

function establishmentFirst(operation: FieldOperation): Violation[] {
  const { establishedOn, closure } = operation;
  const violations: Violation[] = [];
  if (closure && endsBefore(closure.closedOn, establishedOn)) {
    violations.push({
      code: 'closed-before-establishment',
      message: `Closure on ${closure.closedOn} is before establishment on ${establishedOn}`,
      fields: ['closedOn', 'establishedOn'],
    });
  }
  for (const early of operation.names.slice(1).filter((n) => endsBefore(n.from, establishedOn))) {
    violations.push({
      code: 'renamed-before-establishment',
      message: `A renaming on ${early.from} is before establishment on ${establishedOn}`,
      fields: ['effectiveOn', 'establishedOn'],
    });
  }
  const dated = [
    ...operation.seats.slice(1).map((v) => ['seat-changed', v.from] as const),
    ...operation.hostStateVersions.slice(1).map((v) => ['host-states-changed', v.from] as const),
  ];
  for (const before of dated.filter(([, from]) => endsBefore(from, establishedOn))) {
    violations.push({
      code: `${before[0]}-before-establishment`,
      message: `A change (${before[0]}) on ${before[1]} is before establishment on ${establishedOn}`,
      fields: ['effectiveOn', 'establishedOn'],
    });
  }
  return violations;
}

/** A fact that took effect on a date, described for an error message. */
export interface DatedFact {
  what: string;
  from: PartialDate;
  /** The field of that fact that dates it. */
  field: string;
}

/**
 * Every fact recorded after the establishment that takes effect on a date: what a closure may
 * not certainly precede (notes are remarks, and a mandate may run past an early closure).
 */
export function datedFactsOf(operation: FieldOperation): DatedFact[] {
  return [
    ...operation.names.slice(1).map((v) => ({
      what: `the renaming to "${v.name}"`,
      from: v.from,
      field: 'effectiveOn',
    })),
    ...operation.seats.slice(1).map((v) => ({
      what: `the seat change to ${v.seat ?? 'no seat'}`,
      from: v.from,
      field: 'effectiveOn',
    })),
    ...operation.hostStateVersions.slice(1).map((v) => ({
      what: `the host States change to ${v.hostStates.join(', ')}`,
      from: v.from,
      field: 'effectiveOn',
    })),
    ...operation.heads.map((h) => ({
      what: `the appointment of ${h.name} as head`,
      from: h.from,
      field: 'from',
    })),
    ...operation.mandates.map((m) => ({
      what: `the mandate in effect from ${m.effectiveFrom}`,
      from: m.effectiveFrom,
      field: 'effectiveFrom',
    })),
  ];
}

/** The recorded facts that certainly take effect after a closure on `closedOn`. */
function factsAfter(operation: FieldOperation, closedOn: PartialDate): DatedFact[] {
  return datedFactsOf(operation).filter((fact) => endsBefore(closedOn, fact.from));
}

/** The first recorded fact that certainly takes effect after a closure on `closedOn`. */
export function factAfter(operation: FieldOperation, closedOn: PartialDate): DatedFact | undefined {
  return factsAfter(operation, closedOn)[0];
}

function closureLast(operation: FieldOperation): Violation[] {
  const { closure } = operation;
  if (!closure) return [];
  const violations: Violation[] = [];
  for (const later of factsAfter(operation, closure.closedOn)) {
    violations.push({
      code: 'closed-before-recorded-fact',
      message: `Closure on ${closure.closedOn} is before ${later.what}, effective ${later.from}`,
      fields: ['closedOn', later.field],
    });
  }
  if (closure.reason === 'no-consensus' && closure.decision) {
    violations.push({
      code: 'decision-without-consensus',
      message: 'A closure for lack of consensus cites no decision',
      fields: ['reason', 'decision'],
    });
  }
  return violations;
}

/** The until an extension must go beyond: the mandate's, as its latest extension left it. */
export function untilInForce(mandate: Mandate): PartialDate | null {
  return mandate.extensions[mandate.extensions.length - 1]?.until ?? mandate.until;
}

/**
 * True when `until` certainly does not end after `current`: the same date, or one that ends
 * before or on the first day `current` may mean. An open-ended (or unknown) `current` is never
 * extended past, so nothing is refused against it.
 */
export function notLaterThan(until: PartialDate, current: PartialDate | null): boolean {
  return current !== null && (until === current || lastDay(until) <= firstDay(current));
}

function mandateEnds(operation: FieldOperation): Violation[] {
  const violations: Violation[] = [];
  for (const mandate of operation.mandates) {
    const ends = [mandate.until, ...mandate.extensions.map((e) => e.until)];
    for (const until of ends.filter((end) => end && endsBefore(end, mandate.effectiveFrom))) {
      violations.push({
        code: 'mandate-ends-before-start',
        message: `Mandate until ${until} is before its start ${mandate.effectiveFrom}`,
        fields: ['until', 'effectiveFrom'],
      });
    }
    let current = mandate.until;
    for (const extension of mandate.extensions) {
      if (notLaterThan(extension.until, current)) {
        violations.push({
          code: 'extension-not-later',
          message: `An extension until ${extension.until} does not extend the mandate beyond ${current}`,
          fields: ['until'],
        });
      }
      current = extension.until;
    }
  }
  return violations;
}

function links(operation: FieldOperation): Violation[] {
  const violations: Violation[] = [];
  const repeated = operation.hostStateVersions.filter(
    (v) => duplicateIn(v.hostStates) !== undefined,
  );
  for (const hosts of repeated) {
    violations.push({
      code: 'duplicate-reference',
      message: `Host State "${hosts.hostStates[duplicateIn(hosts.hostStates)!]}" is named twice`,
      fields: ['hostStates'],
    });
  }
  const successors = operation.closure?.successors ?? [];
  const twice = duplicateIn(successors);
  if (twice !== undefined) {
    violations.push({
      code: 'duplicate-reference',
      message: `Successor "${successors[twice]}" is named twice`,
      fields: ['successors'],
    });
  }
  for (const mutual of successors.filter((id) => operation.predecessors.includes(id))) {
    violations.push({
      code: 'succession-cycle',
      message: `"${mutual}" is a predecessor of "${operation.id}" and cannot also be its successor`,
      fields: ['successors'],
    });
  }
  return violations;
}

/** The index of the first id named a second time, or undefined. */
export function duplicateIn(ids: readonly string[]): number | undefined {
  const index = ids.findIndex((id, i) => ids.indexOf(id) !== i);
  return index === -1 ? undefined : index;
}
